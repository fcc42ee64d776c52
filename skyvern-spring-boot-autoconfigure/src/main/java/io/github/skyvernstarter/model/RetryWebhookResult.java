package io.github.skyvernstarter.model;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What Skyvern sent, and what came back, when it re-delivered a finished run's webhook.
 *
 * @param runId the run whose webhook was re-delivered
 * @param runType the kind of run
 * @param defaultWebhookUrl the webhook URL stored with the run, if any
 * @param targetWebhookUrl the URL the delivery went to, if any
 * @param payload the JSON body that was delivered
 * @param headers the signed headers that were sent
 * @param statusCode the receiver's HTTP status, if it answered
 * @param latencyMs round-trip time in milliseconds, if known
 * @param responseBody the receiver's body (truncated by Skyvern to 2 KB), if any
 * @param error why the delivery failed, if it did
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetryWebhookResult(String runId, @Nullable String runType, @Nullable String defaultWebhookUrl,
		@Nullable String targetWebhookUrl, @Nullable String payload, @Nullable Map<String, String> headers,
		@Nullable Integer statusCode, @Nullable Long latencyMs, @Nullable String responseBody,
		@Nullable String error) {

	/**
	 * Whether the receiver answered with a 2xx status.
	 * @return {@code true} if the re-delivery succeeded
	 */
	public boolean delivered() {
		return this.error == null && this.statusCode != null && this.statusCode >= 200 && this.statusCode < 300;
	}

}
