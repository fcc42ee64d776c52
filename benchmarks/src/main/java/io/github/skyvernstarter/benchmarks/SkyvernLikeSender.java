package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.skyvernstarter.model.SkyvernHeaders;

/**
 * Delivers valid run-finished webhooks the way Skyvern does: a body of about 2 KB signed with the
 * API key, up to 3 attempts of 30 s each, retried on 408, 425, 429, 5xx and network errors after
 * {@code Retry-After} (at most 30 s) or 1 to 3 s. Each delivery runs in its own thread.
 */
final class SkyvernLikeSender {

	private static final int ATTEMPTS = 3;

	private final HttpClient http;

	private final URI receiver;

	private final WebhookBodies bodies = new WebhookBodies(0);

	private final WebhookSigner signer;

	private final List<Thread> deliveries = new ArrayList<>();

	private final List<Long> latenciesMillis = new ArrayList<>();

	private final AtomicInteger delivered = new AtomicInteger();

	private final AtomicInteger deliveredFirstAttempt = new AtomicInteger();

	SkyvernLikeSender(HttpClient http, URI app, String apiKey) {
		this.http = http;
		this.receiver = app.resolve("/skyvern/webhooks");
		this.signer = new WebhookSigner(apiKey, this.bodies.prefix());
	}

	void deliverInBackground(String runId) {
		Thread delivery = new Thread(() -> deliver(runId), "skyvern-" + runId);
		delivery.setDaemon(true);
		this.deliveries.add(delivery);
		delivery.start();
	}

	private void deliver(String runId) {
		byte[] tail = this.bodies.tail(runId);
		byte[] prefix = this.bodies.prefix();
		byte[] body = new byte[prefix.length + tail.length];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		System.arraycopy(tail, 0, body, prefix.length, tail.length);
		HttpRequest request = HttpRequest.newBuilder(this.receiver)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(SkyvernHeaders.SIGNATURE, this.signer.sign(tail))
			.header(SkyvernHeaders.TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		long start = System.nanoTime();
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			long delayMillis = ThreadLocalRandom.current().nextLong(1000, 3001);
			try {
				HttpResponse<Void> response = this.http.send(request, HttpResponse.BodyHandlers.discarding());
				int status = response.statusCode();
				if (status / 100 == 2) {
					this.delivered.incrementAndGet();
					if (attempt == 1) {
						this.deliveredFirstAttempt.incrementAndGet();
					}
					synchronized (this.latenciesMillis) {
						this.latenciesMillis.add((System.nanoTime() - start) / 1_000_000);
					}
					return;
				}
				if (status != 408 && status != 425 && status != 429 && status / 100 != 5) {
					return;
				}
				delayMillis = response.headers()
					.firstValueAsLong("Retry-After")
					.stream()
					.map((seconds) -> Math.min(30, seconds) * 1000)
					.findFirst()
					.orElse(delayMillis);
			}
			catch (IOException ex) {
				// A network error: retried.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			if (attempt < ATTEMPTS) {
				try {
					Thread.sleep(delayMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	void awaitAll() throws InterruptedException {
		for (Thread delivery : this.deliveries) {
			delivery.join();
		}
	}

	int sent() {
		return this.deliveries.size();
	}

	int delivered() {
		return this.delivered.get();
	}

	int deliveredFirstAttempt() {
		return this.deliveredFirstAttempt.get();
	}

	double[] latenciesMillis() {
		synchronized (this.latenciesMillis) {
			return this.latenciesMillis.stream().mapToDouble(Long::doubleValue).toArray();
		}
	}

}
