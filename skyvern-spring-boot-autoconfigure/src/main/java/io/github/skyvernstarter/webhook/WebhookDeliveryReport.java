package io.github.skyvernstarter.webhook;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reports every answered delivery to the {@link SkyvernWebhookDeliveryListener} (metrics) and the
 * debug log; a failing listener never changes the answer.
 */
final class WebhookDeliveryReport {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookReceiver.class);

	private final SkyvernWebhookDeliveryListener listener;

	WebhookDeliveryReport(SkyvernWebhookDeliveryListener listener) {
		this.listener = listener;
	}

	void answered(SkyvernWebhookResponse answer, Duration elapsed) {
		if (logger.isDebugEnabled()) {
			logger.debug("Answered a Skyvern webhook " + answer.status() + " (" + answer.outcome().value() + ") in "
					+ elapsed.toMillis() + " ms");
		}
		try {
			this.listener.onDelivery(answer.outcome(), elapsed);
		}
		catch (RuntimeException ex) {
			// Metrics must not change the answer Skyvern gets.
			logger.warn("A Skyvern webhook delivery listener failed", ex);
		}
	}

}
