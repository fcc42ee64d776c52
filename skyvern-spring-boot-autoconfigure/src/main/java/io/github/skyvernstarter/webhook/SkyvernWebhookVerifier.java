package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import io.github.skyvernstarter.model.SkyvernHeaders;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Skyvern webhook signatures: the lowercase hex HMAC-SHA256 of the raw request body, keyed
 * with the UTF-8 bytes of an API key ({@link SkyvernWebhookSignature}).
 * <p>
 * Several keys may be given so that a key rotation never drops a delivery; blank keys, unresolved
 * placeholders ({@code ${SKYVERN_API_KEY}}) and keys with whitespace or control characters are
 * ignored, so none of them ever verifies anything. Signatures are compared in constant time. The
 * {@code x-skyvern-timestamp} header is not signed; an optional freshness window can reject
 * deliveries whose timestamp is far from this machine's clock, and is off unless a tolerance is
 * given.
 * <p>
 * Only the lowercase hex that Skyvern writes is accepted: a signature has exactly one valid
 * spelling, so an upper-case or otherwise re-encoded signature is rejected like any other mismatch.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookVerifier {

	/** Header that carries the signature: {@link SkyvernHeaders#SIGNATURE}. */
	public static final String SIGNATURE_HEADER = SkyvernHeaders.SIGNATURE;

	/** Header that carries the (unsigned) send time in unix seconds: {@link SkyvernHeaders#TIMESTAMP}. */
	public static final String TIMESTAMP_HEADER = SkyvernHeaders.TIMESTAMP;

	private final List<SkyvernWebhookSignature> keys;

	private final @Nullable Duration timestampTolerance;

	private final Clock clock;

	/**
	 * Create a verifier that accepts signatures made with any of the given keys and ignores the
	 * timestamp.
	 * @param keys the signing keys (Skyvern API keys); blank or malformed ones are ignored
	 */
	public SkyvernWebhookVerifier(Collection<String> keys) {
		this(keys, null, Clock.systemUTC());
	}

	/**
	 * Create a verifier.
	 * @param keys the signing keys (Skyvern API keys); blank or malformed ones are ignored
	 * @param timestampTolerance the largest accepted distance between {@code x-skyvern-timestamp} and
	 * the clock, or {@code null} to accept any timestamp
	 * @param clock the clock the timestamp is compared with
	 */
	public SkyvernWebhookVerifier(Collection<String> keys, @Nullable Duration timestampTolerance, Clock clock) {
		if (timestampTolerance != null && (timestampTolerance.isNegative() || timestampTolerance.isZero())) {
			throw new IllegalArgumentException("Timestamp tolerance must be positive");
		}
		this.keys = keys.stream()
			.filter(Objects::nonNull)
			.map(String::strip)
			.filter(SkyvernWebhookVerifier::isUsableKey)
			.distinct()
			.map(SkyvernWebhookSignature::withKey)
			.toList();
		this.timestampTolerance = timestampTolerance;
		this.clock = clock;
	}

	/**
	 * Whether a trimmed key can sign: not empty, not an unresolved placeholder such as
	 * {@code ${SKYVERN_API_KEY}} (a public string anyone could sign with), and without whitespace or
	 * control characters.
	 */
	private static boolean isUsableKey(String key) {
		return !key.isEmpty() && !key.contains("${") && key.codePoints()
			.noneMatch((c) -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
	}

	/**
	 * Whether this verifier has at least one usable key; without one, nothing verifies.
	 * @return {@code true} if some signature can verify
	 */
	public boolean hasKeys() {
		return !this.keys.isEmpty();
	}

	/**
	 * Verify a delivery: the signature over the raw body, then the timestamp if a freshness window is
	 * set.
	 * @param body the request body exactly as received
	 * @param signature the {@code x-skyvern-signature} header, or {@code null} if absent
	 * @param timestamp the {@code x-skyvern-timestamp} header, or {@code null} if absent
	 * @return the outcome
	 */
	public Verification verify(byte[] body, @Nullable String signature, @Nullable String timestamp) {
		if (signature == null || signature.isEmpty()) {
			return Verification.MISSING_SIGNATURE;
		}
		if (!isSignatureValid(body, signature)) {
			return Verification.INVALID_SIGNATURE;
		}
		if (!isTimestampAcceptable(timestamp)) {
			return Verification.STALE_TIMESTAMP;
		}
		return Verification.VALID;
	}

	/**
	 * Whether the signature is the lowercase hex HMAC-SHA256 of the body under one of the keys.
	 * @param body the request body exactly as received
	 * @param signature the {@code x-skyvern-signature} header
	 * @return {@code true} if it matches
	 */
	public boolean isSignatureValid(byte[] body, String signature) {
		// The length is public (64), so leaving early on a wrong length reveals nothing.
		if (signature.length() != SkyvernWebhookSignature.LENGTH) {
			return false;
		}
		boolean valid = false;
		// Every key is tried, so the time taken does not tell which key matched.
		for (SkyvernWebhookSignature key : this.keys) {
			valid |= key.matches(body, signature);
		}
		return valid;
	}

	/**
	 * Whether the timestamp is within the freshness window; always {@code true} when no window is
	 * set.
	 * @param timestamp the {@code x-skyvern-timestamp} header (unix seconds), or {@code null}
	 * @return {@code true} if acceptable
	 */
	public boolean isTimestampAcceptable(@Nullable String timestamp) {
		if (this.timestampTolerance == null) {
			return true;
		}
		Instant sent = parseTimestamp(timestamp);
		if (sent == null) {
			return false;
		}
		Duration distance = Duration.between(sent, this.clock.instant()).abs();
		return distance.compareTo(this.timestampTolerance) <= 0;
	}

	/**
	 * Return the signature Skyvern sends for a body signed with the given key, for example to post a
	 * test delivery.
	 * @param body the request body
	 * @param key the signing key (a Skyvern API key), not blank
	 * @return lowercase hex HMAC-SHA256
	 */
	public static String sign(byte[] body, String key) {
		if (key.isBlank()) {
			throw new IllegalArgumentException("Signing key must not be blank");
		}
		return SkyvernWebhookSignature.withKey(key).sign(body);
	}

	/**
	 * Parse an {@code x-skyvern-timestamp} value.
	 * @param timestamp unix seconds, or {@code null}
	 * @return the instant, or {@code null} if absent or not a number of seconds
	 */
	public static @Nullable Instant parseTimestamp(@Nullable String timestamp) {
		if (timestamp == null || timestamp.isBlank() || timestamp.length() > 19) {
			return null;
		}
		try {
			long seconds = Long.parseLong(timestamp.strip());
			return Instant.ofEpochSecond(seconds);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "SkyvernWebhookVerifier[keys=" + this.keys.size() + ", timestampTolerance="
				+ ((this.timestampTolerance != null) ? this.timestampTolerance : "off") + "]";
	}

	/**
	 * The outcome of verifying a delivery.
	 */
	public enum Verification {

		/** The signature matches one of the keys and the timestamp is acceptable. */
		VALID,

		/** No signature header. */
		MISSING_SIGNATURE,

		/** The signature matches none of the keys. */
		INVALID_SIGNATURE,

		/** The signature matches, but the timestamp is outside the freshness window. */
		STALE_TIMESTAMP

	}

}
