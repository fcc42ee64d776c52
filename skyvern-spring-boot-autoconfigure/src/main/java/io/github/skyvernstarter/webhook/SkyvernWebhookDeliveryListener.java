package io.github.skyvernstarter.webhook;

import java.time.Duration;

/**
 * Told of every webhook delivery the receiver answered, for metrics.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SkyvernWebhookDeliveryListener {

	/**
	 * Called once the answer to a delivery is decided.
	 * @param outcome how the delivery was answered
	 * @param elapsed the time from the request's receipt to its answer
	 */
	void onDelivery(SkyvernWebhookOutcome outcome, Duration elapsed);

}
