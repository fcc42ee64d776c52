package io.github.skyvernstarter.webhook;

import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.Claim;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Claims a delivery in the {@link SkyvernWebhookIdempotencyStore} and settles the claim, turning
 * repeats and store failures into answers.
 */
final class WebhookIdempotency {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookReceiver.class);

	static final String RETRY_AFTER_SECONDS = "2";

	private final SkyvernWebhookIdempotencyStore store;

	WebhookIdempotency(SkyvernWebhookIdempotencyStore store) {
		this.store = store;
	}

	/**
	 * Claim the delivery.
	 * @param key the delivery
	 * @return {@code null} if the caller now owns the delivery, else the answer to give
	 */
	@Nullable SkyvernWebhookResponse claim(DeliveryKey key) {
		Claim claim;
		try {
			claim = this.store.claim(key);
		}
		catch (RuntimeException ex) {
			logger.error("Skyvern webhook for run " + LogSanitizer.safe(key.runId())
					+ " not processed: idempotency store failed", ex);
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.STORE_ERROR, 503, "try again later",
					HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return switch (claim) {
			case CLAIMED -> null;
			case ALREADY_PROCESSED -> SkyvernWebhookResponse.of(SkyvernWebhookOutcome.DUPLICATE, 200, "duplicate");
			// Not acknowledged: the first delivery may still fail, and Skyvern retries 425.
			case IN_PROGRESS -> SkyvernWebhookResponse.of(SkyvernWebhookOutcome.IN_PROGRESS, 425,
					"delivery in progress", HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		};
	}

	/**
	 * Record a claimed delivery as processed, or release it so that Skyvern's retry is processed.
	 * @param key the claimed delivery
	 * @param processed whether every listener returned
	 */
	void settle(DeliveryKey key, boolean processed) {
		try {
			if (processed) {
				this.store.markProcessed(key);
			}
			else {
				this.store.release(key);
			}
		}
		catch (RuntimeException ex) {
			// The listeners' outcome stands; a shared store is expected to expire the claim.
			logger.error("Idempotency store failed to record the Skyvern webhook for run "
					+ LogSanitizer.safe(key.runId()), ex);
		}
	}

}
