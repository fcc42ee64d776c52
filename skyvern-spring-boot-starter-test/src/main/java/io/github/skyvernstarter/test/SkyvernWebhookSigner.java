package io.github.skyvernstarter.test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

import io.github.skyvernstarter.fake.FakeWebhookSender;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.webhook.SkyvernWebhookSignature;

/**
 * Signs and delivers webhooks exactly as Skyvern does: lowercase hex HMAC-SHA256 of the raw body
 * bytes, keyed with the UTF-8 bytes of the API key ({@link SkyvernWebhookSignature}), in
 * {@code x-skyvern-signature}, with the unsigned {@code x-skyvern-timestamp} (unix seconds) beside it.
 * <p>
 * Usable on its own to sign any body, for example to test a receiver with a tampered or foreign
 * payload.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookSigner {

	/** Header that carries the signature: {@link SkyvernHeaders#SIGNATURE}. */
	public static final String SIGNATURE_HEADER = SkyvernHeaders.SIGNATURE;

	/** Header that carries the send time in unix seconds; Skyvern does not sign it. */
	public static final String TIMESTAMP_HEADER = SkyvernHeaders.TIMESTAMP;

	private final FakeWebhookSender sender;

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
		this.sender = new FakeWebhookSender(apiKey, clock);
	}

	/**
	 * Return the signature of the given body.
	 * @param body the raw body bytes
	 * @return 64 lowercase hex characters
	 */
	public String sign(byte[] body) {
		return this.sender.sign(body);
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
		return this.sender.headers(body);
	}

	/**
	 * POST the given body, signed, to the given URL, and return the receiver's answer.
	 * @param target the receiver's URL
	 * @param body the raw body bytes
	 * @return what was sent and what came back
	 * @throws UncheckedIOException if the receiver could not be reached
	 */
	public WebhookDelivery deliver(URI target, byte[] body) {
		return WebhookDelivery.from(this.sender.deliver(target, body));
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
