package io.github.skyvernstarter.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.github.skyvernstarter.model.SkyvernHeaders;

/**
 * The simulator's side of run-finished webhooks: at a run's finish time, POST the finished run,
 * signed like Skyvern signs it, to the run's {@code webhook_url}.
 */
final class WebhookSender implements AutoCloseable {

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "webhook-sender");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final WebhookBodies bodies = new WebhookBodies(0);

	private final WebhookSigner signer;

	private final Set<String> delivered = ConcurrentHashMap.newKeySet();

	private final LongAdder failed = new LongAdder();

	WebhookSender(String signingKey) {
		this.signer = new WebhookSigner(signingKey, this.bodies.prefix());
	}

	void deliverAt(long finishNanos, String runId, String webhookUrl) {
		long delay = Math.max(0, finishNanos - System.nanoTime());
		this.timer.schedule(() -> deliver(runId, webhookUrl), delay, TimeUnit.NANOSECONDS);
	}

	private void deliver(String runId, String webhookUrl) {
		byte[] tail = this.bodies.tail(runId);
		byte[] prefix = this.bodies.prefix();
		byte[] body = new byte[prefix.length + tail.length];
		System.arraycopy(prefix, 0, body, 0, prefix.length);
		System.arraycopy(tail, 0, body, prefix.length, tail.length);
		HttpRequest request = HttpRequest.newBuilder(URI.create(webhookUrl))
			.header("Content-Type", "application/json")
			.header(SkyvernHeaders.SIGNATURE, this.signer.sign(tail))
			.header(SkyvernHeaders.TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		this.client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
			if (ex == null && response.statusCode() / 100 == 2) {
				this.delivered.add(runId);
			}
			else {
				this.failed.increment();
			}
		});
	}

	/**
	 * Wait until the given number of deliveries have been answered, or the time is up.
	 */
	void awaitAnswers(long deliveries, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		while (delivered() + failed() < deliveries && System.nanoTime() < deadline) {
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	long delivered() {
		return this.delivered.size();
	}

	boolean delivered(String runId) {
		return this.delivered.contains(runId);
	}

	long failed() {
		return this.failed.sum();
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

}
