package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier.Verification;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Verifies a delivery's signature over the raw body before anything else looks at it (401), and
 * warns about rejections without flooding the log under attack.
 */
final class WebhookSignatureCheck {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookReceiver.class);

	private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private final SkyvernWebhookVerifier verifier;

	private final boolean enabled;

	private final ThrottledWarning warning;

	WebhookSignatureCheck(SkyvernWebhookVerifier verifier, boolean enabled, Clock clock) {
		this.verifier = verifier;
		this.enabled = enabled;
		this.warning = new ThrottledWarning(logger, WARNING_INTERVAL, clock);
	}

	/**
	 * Check, before the body is read, that there is one signature to verify it with.
	 */
	@Nullable SkyvernWebhookResponse checkPresent(HttpHeaders headers) {
		List<String> signatures = headers.getOrEmpty(SkyvernWebhookVerifier.SIGNATURE_HEADER);
		if (this.enabled && (signatures.size() != 1 || signatures.get(0).isEmpty())) {
			return reject("missing signature");
		}
		return null;
	}

	@Nullable SkyvernWebhookResponse check(HttpHeaders headers, byte[] body) {
		if (!this.enabled) {
			return null;
		}
		List<String> signatures = headers.getOrEmpty(SkyvernWebhookVerifier.SIGNATURE_HEADER);
		// Skyvern sends one signature; several are a malformed (or crafted) request.
		String signature = (signatures.size() == 1) ? signatures.get(0) : null;
		String timestamp = headers.getFirst(SkyvernWebhookVerifier.TIMESTAMP_HEADER);
		Verification verification = this.verifier.verify(body, signature, timestamp);
		return switch (verification) {
			case VALID -> null;
			case MISSING_SIGNATURE -> reject("missing signature");
			case INVALID_SIGNATURE -> reject("invalid signature");
			case STALE_TIMESTAMP -> reject("timestamp outside the accepted window");
		};
	}

	private SkyvernWebhookResponse reject(String reason) {
		// A wrong key is the usual cause.
		this.warning.warn("Rejected a Skyvern webhook: " + reason + " (check that skyvern.api-key or "
				+ "skyvern.webhooks.signing-keys holds the key that started the run; further rejections "
				+ "within a minute are logged at debug level)", "Rejected a Skyvern webhook: " + reason);
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.INVALID_SIGNATURE, 401, reason);
	}

}
