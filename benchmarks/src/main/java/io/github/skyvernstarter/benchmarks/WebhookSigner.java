package io.github.skyvernstarter.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook bodies the way Skyvern does: lowercase hex HMAC-SHA256 of the raw body, keyed with
 * the API key's UTF-8 bytes.
 * <p>
 * A signer can be primed with a fixed body prefix, so that a load generator sending many large
 * bodies that differ only at the end hashes the prefix once.
 */
final class WebhookSigner {

	static final String SIGNATURE_HEADER = "x-skyvern-signature";

	static final String TIMESTAMP_HEADER = "x-skyvern-timestamp";

	private final Mac primed;

	WebhookSigner(String key, byte[] prefix) {
		try {
			this.primed = Mac.getInstance("HmacSHA256");
			this.primed.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			this.primed.update(prefix);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	WebhookSigner(String key) {
		this(key, new byte[0]);
	}

	/**
	 * Sign the primed prefix followed by the given bytes.
	 */
	String sign(byte[] rest) {
		try {
			Mac mac = (Mac) this.primed.clone();
			return HexFormat.of().formatHex(mac.doFinal(rest));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
