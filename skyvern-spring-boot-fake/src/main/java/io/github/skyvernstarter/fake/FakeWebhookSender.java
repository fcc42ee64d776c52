package io.github.skyvernstarter.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.webhook.SkyvernWebhookSignature;

/**
 * Signs and POSTs webhooks exactly as Skyvern does: the body signed with
 * {@link SkyvernWebhookSignature} under the API key that started the run, in
 * {@code x-skyvern-signature}, the unsigned send time in {@code x-skyvern-timestamp}, one attempt of
 * at most 30 seconds, no redirects followed.
 *
 * @since 0.1.0
 */
public final class FakeWebhookSender {

	// Skyvern waits 30 seconds for a receiver.
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// Shared: a JDK HttpClient holds a selector thread, and Java 17 cannot close it. HTTP/1.1 as Skyvern's
	// httpx speaks it, without an h2c upgrade.
	private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final SkyvernWebhookSignature signature;

	private final Clock clock;

	/**
	 * Create a sender that signs with the given API key.
	 * @param apiKey the API key Skyvern signs with (the key that created the run), not empty
	 * @param clock the clock for {@code x-skyvern-timestamp}
	 */
	public FakeWebhookSender(String apiKey, Clock clock) {
		this.signature = SkyvernWebhookSignature.withKey(apiKey);
		this.clock = clock;
	}

	/**
	 * Return the signature of the given body.
	 * @param body the raw body bytes
	 * @return 64 lowercase hex characters
	 */
	public String sign(byte[] body) {
		return this.signature.sign(body);
	}

	/**
	 * Return the headers Skyvern sends with the given body.
	 * @param body the raw body bytes
	 * @return {@code x-skyvern-timestamp}, {@code x-skyvern-signature} and {@code Content-Type}
	 */
	public Map<String, String> headers(byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(SkyvernHeaders.TIMESTAMP, Long.toString(this.clock.instant().getEpochSecond()));
		headers.put(SkyvernHeaders.SIGNATURE, sign(body));
		headers.put("Content-Type", "application/json");
		return headers;
	}

	/**
	 * POST the given body, signed, to the given URL, and wait for the receiver's answer.
	 * @param target the receiver's URL
	 * @param body the raw body bytes
	 * @return what was sent and what came back
	 * @throws UncheckedIOException if the receiver could not be reached
	 */
	public FakeWebhookDelivery deliver(URI target, byte[] body) {
		try {
			return deliverAsync(target, body).get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw new UncheckedIOException("Could not deliver the webhook to " + target + ": " + io.getMessage(), io);
			}
			throw new IllegalStateException("Could not deliver the webhook to " + target, ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while delivering the webhook to " + target, ex);
		}
	}

	/**
	 * POST the given body, signed, to the given URL without waiting.
	 * @param target the receiver's URL
	 * @param body the raw body bytes
	 * @return what was sent and what came back, or an {@link IOException} if the receiver could not be
	 * reached
	 */
	public CompletableFuture<FakeWebhookDelivery> deliverAsync(URI target, byte[] body) {
		Map<String, String> headers = headers(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		// Skyvern's sender (httpx) announces itself; some receivers log it.
		request.header("User-Agent", "python-httpx/0.28.1");
		String sent = new String(body, StandardCharsets.UTF_8);
		return HTTP_CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
			.thenApply((response) -> new FakeWebhookDelivery(target, sent, headers, response.statusCode(),
					response.body()));
	}

	@Override
	public String toString() {
		return "FakeWebhookSender[key=******]";
	}

}
