package io.github.skyvernstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and delivers webhooks exactly as Skyvern does: lowercase hex HMAC-SHA256 of the raw body
 * bytes, keyed with the UTF-8 bytes of the API key, in {@code x-skyvern-signature}, with the unsigned
 * {@code x-skyvern-timestamp} (unix seconds) beside it.
 * <p>
 * Usable on its own to sign any body, for example to test a receiver with a tampered or foreign
 * payload.
 */
public final class SkyvernWebhookSigner {

	/** Header that carries the signature. */
	public static final String SIGNATURE_HEADER = "x-skyvern-signature";

	/** Header that carries the send time in unix seconds; Skyvern does not sign it. */
	public static final String TIMESTAMP_HEADER = "x-skyvern-timestamp";

	private static final String ALGORITHM = "HmacSHA256";

	// Skyvern waits 30 seconds for a receiver.
	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	// Shared: a JDK HttpClient holds a selector thread, and Java 17 cannot close it.
	private static final HttpClient HTTP_CLIENT = HttpClient.newBuilder()
		.connectTimeout(TIMEOUT)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final SecretKeySpec key;

	private final Clock clock;

	/**
	 * Create a signer for the given API key.
	 * @param apiKey the API key Skyvern signs with (the key that created the run)
	 */
	public SkyvernWebhookSigner(String apiKey) {
		this(apiKey, Clock.systemUTC());
	}

	/**
	 * Create a signer for the given API key whose timestamps come from the given clock.
	 * @param apiKey the API key Skyvern signs with (the key that created the run)
	 * @param clock the clock for {@code x-skyvern-timestamp}
	 */
	public SkyvernWebhookSigner(String apiKey, Clock clock) {
		if (apiKey == null || apiKey.isEmpty()) {
			throw new IllegalArgumentException("apiKey must not be empty: Skyvern never signs with an empty key");
		}
		this.key = new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), ALGORITHM);
		this.clock = clock;
	}

	/**
	 * Return the signature of the given body.
	 * @param body the raw body bytes
	 * @return 64 lowercase hex characters
	 */
	public String sign(byte[] body) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	/**
	 * Return the signature of the given body's UTF-8 bytes.
	 * @param body the body
	 * @return 64 lowercase hex characters
	 */
	public String sign(String body) {
		return sign(body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the headers Skyvern sends with the given body.
	 * @param body the raw body bytes
	 * @return {@code x-skyvern-timestamp}, {@code x-skyvern-signature} and {@code Content-Type}
	 */
	public Map<String, String> headers(byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(TIMESTAMP_HEADER, Long.toString(this.clock.instant().getEpochSecond()));
		headers.put(SIGNATURE_HEADER, sign(body));
		headers.put("Content-Type", "application/json");
		return headers;
	}

	/**
	 * POST the given body, signed, to the given URL, and return the receiver's answer.
	 * @param target the receiver's URL
	 * @param body the raw body bytes
	 * @return what was sent and what came back
	 * @throws UncheckedIOException if the receiver could not be reached
	 */
	public WebhookDelivery deliver(URI target, byte[] body) {
		Map<String, String> headers = headers(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		headers.forEach(request::header);
		// Skyvern's sender (httpx) announces itself; some receivers log it.
		request.header("User-Agent", "python-httpx/0.28.1");
		try {
			HttpResponse<String> response = HTTP_CLIENT.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new WebhookDelivery(target, new String(body, StandardCharsets.UTF_8), headers,
					response.statusCode(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not deliver the webhook to " + target + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while delivering the webhook to " + target, ex);
		}
	}

	/**
	 * POST the given body's UTF-8 bytes, signed, to the given URL.
	 * @param target the receiver's URL
	 * @param body the body
	 * @return what was sent and what came back
	 */
	public WebhookDelivery deliver(URI target, String body) {
		return deliver(target, body.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public String toString() {
		return "SkyvernWebhookSigner[key=******]";
	}

}
