package io.github.skyvernstarter.benchmarks;

import javax.crypto.Mac;

import io.github.skyvernstarter.webhook.SkyvernWebhookSignature;

/**
 * Signs webhook bodies with the starter's {@link SkyvernWebhookSignature}, primed with a fixed body
 * prefix: a load generator sending many large bodies that differ only at the end hashes the prefix
 * once and signs only the tail per delivery, so that its own cost does not cap the load.
 */
final class WebhookSigner {

	private final Mac primed;

	WebhookSigner(String key, byte[] prefix) {
		this.primed = SkyvernWebhookSignature.withKey(key).newMac();
		this.primed.update(prefix);
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
			return SkyvernWebhookSignature.toHex(mac.doFinal(rest));
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
