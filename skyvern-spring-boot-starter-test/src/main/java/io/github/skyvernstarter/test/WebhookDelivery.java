package io.github.skyvernstarter.test;

import java.net.URI;
import java.util.Map;

import io.github.skyvernstarter.fake.FakeWebhookDelivery;

/**
 * One signed webhook POST and the receiver's answer.
 *
 * @param target where the webhook was sent
 * @param body the body as sent (UTF-8 JSON)
 * @param headers the Skyvern headers sent ({@code x-skyvern-signature}, {@code x-skyvern-timestamp},
 * {@code Content-Type})
 * @param statusCode the receiver's HTTP status
 * @param responseBody the receiver's body
 * @since 0.1.0
 */
public record WebhookDelivery(URI target, String body, Map<String, String> headers, int statusCode,
		String responseBody) {

	static WebhookDelivery from(FakeWebhookDelivery delivery) {
		return new WebhookDelivery(delivery.target(), delivery.body(), delivery.headers(), delivery.statusCode(),
				delivery.responseBody());
	}

	/**
	 * Whether the receiver answered 2xx, which Skyvern counts as delivered.
	 * @return {@code true} for a 2xx answer
	 */
	public boolean accepted() {
		return this.statusCode >= 200 && this.statusCode < 300;
	}

}
