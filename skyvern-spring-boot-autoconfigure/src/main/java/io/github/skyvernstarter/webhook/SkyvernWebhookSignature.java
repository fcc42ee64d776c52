package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Skyvern's webhook signature under one key: the lowercase hex HMAC-SHA256 of the raw body bytes,
 * keyed with the UTF-8 bytes of an API key, without prefix.
 * <p>
 * The one implementation of the scheme: {@link SkyvernWebhookVerifier} checks deliveries with it,
 * and every sender (the test kit's signer, the fake Skyvern, the benchmarks) signs with it. It takes
 * any non-empty key; which keys a receiver should trust is the verifier's business.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookSignature {

	/** The JCA name of the MAC algorithm. */
	public static final String ALGORITHM = "HmacSHA256";

	/** The length of a signature: 32 bytes in hex. */
	public static final int LENGTH = 64;

	private static final HexFormat HEX = HexFormat.of();

	private final SecretKeySpec key;

	// Initialised on first use, then cloned per use: looking up the provider and initialising a MAC
	// costs more than signing a small body, and loading the JCA's classes is part of an application's
	// startup if done there.
	private volatile @Nullable Mac prototype;

	private SkyvernWebhookSignature(SecretKeySpec key) {
		this.key = key;
	}

	/**
	 * Return the signature scheme under the given key.
	 * @param key the signing key (a Skyvern API key), used as its UTF-8 bytes
	 * @return the signature under that key
	 * @throws IllegalArgumentException if the key is empty
	 */
	public static SkyvernWebhookSignature withKey(String key) {
		if (key.isEmpty()) {
			throw new IllegalArgumentException("Signing key must not be empty: Skyvern never signs with an empty key");
		}
		return new SkyvernWebhookSignature(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM));
	}

	/**
	 * Return the signature Skyvern sends with the given body.
	 * @param body the raw body bytes
	 * @return {@value #LENGTH} lowercase hex characters
	 */
	public String sign(byte[] body) {
		return toHex(newMac().doFinal(body));
	}

	/**
	 * Whether the given signature is this key's signature of the body, compared in constant time; only
	 * the lowercase hex Skyvern writes matches, so a signature has exactly one valid spelling.
	 * @param body the raw body bytes as received
	 * @param signature the {@code x-skyvern-signature} value
	 * @return {@code true} if it matches
	 */
	public boolean matches(byte[] body, String signature) {
		byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * Return a new MAC initialised with this key, for a body that is signed in parts (for example a
	 * fixed prefix hashed once and cloned); finish it with {@link #toHex(byte[])}.
	 * @return a MAC ready for {@code update} and {@code doFinal}
	 */
	public Mac newMac() {
		Mac prototype = this.prototype;
		if (prototype == null) {
			// Two threads may both initialise one: either is fine.
			prototype = initializedMac(this.key);
			this.prototype = prototype;
		}
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			// A provider whose MACs cannot be cloned: initialise a new one.
			return initializedMac(this.key);
		}
	}

	private static Mac initializedMac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			// Every Java runtime ships HmacSHA256.
			throw new IllegalStateException(ALGORITHM + " is not available", ex);
		}
	}

	/**
	 * Write a MAC result as Skyvern writes signatures.
	 * @param mac the result of {@link Mac#doFinal()}
	 * @return lowercase hex
	 */
	public static String toHex(byte[] mac) {
		return HEX.formatHex(mac);
	}

	@Override
	public String toString() {
		return "SkyvernWebhookSignature[key=******]";
	}

}
