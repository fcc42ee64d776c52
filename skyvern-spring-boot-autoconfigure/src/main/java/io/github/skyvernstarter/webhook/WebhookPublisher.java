package io.github.skyvernstarter.webhook;

import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a claimed delivery's {@link SkyvernRunFinishedEvent} and settles the claim by the
 * listeners' outcome: 200 when every listener returned, 500 (and the claim released, so that
 * Skyvern's retry is processed) when one threw.
 */
final class WebhookPublisher {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookReceiver.class);

	private final ApplicationEventPublisher eventPublisher;

	private final WebhookIdempotency idempotency;

	WebhookPublisher(ApplicationEventPublisher eventPublisher, WebhookIdempotency idempotency) {
		this.eventPublisher = eventPublisher;
		this.idempotency = idempotency;
	}

	SkyvernWebhookResponse publish(DeliveryKey key, SkyvernRunFinishedEvent event) {
		boolean published = false;
		try {
			this.eventPublisher.publishEvent(event);
			published = true;
		}
		catch (RuntimeException ex) {
			logger.error("A listener failed on the Skyvern webhook for run " + LogSanitizer.safe(key.runId()) + " ("
					+ LogSanitizer.safe(key.status()) + "); answered 500 so that Skyvern delivers it again", ex);
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.LISTENER_ERROR, 500, "listener failed");
		}
		finally {
			this.idempotency.settle(key, published);
		}
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.ACCEPTED, 200, "ok");
	}

}
