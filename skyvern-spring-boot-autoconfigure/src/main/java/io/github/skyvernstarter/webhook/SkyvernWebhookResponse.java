package io.github.skyvernstarter.webhook;

import java.util.Map;

/**
 * The answer to a webhook delivery: a status, a short plain-text body that never echoes the payload
 * or a key, and extra headers.
 *
 * @param status the HTTP status
 * @param body a short plain-text explanation
 * @param headers extra response headers, such as {@code Allow} or {@code Retry-After}
 * @param outcome what the answer means, for metrics and logs
 * @since 0.1.0
 */
public record SkyvernWebhookResponse(int status, String body, Map<String, String> headers,
		SkyvernWebhookOutcome outcome) {

	/**
	 * Create an answer, copying its headers.
	 * @param status the HTTP status
	 * @param body a short plain-text explanation
	 * @param headers extra response headers, such as {@code Allow} or {@code Retry-After}
	 * @param outcome what the answer means, for metrics and logs
	 */
	public SkyvernWebhookResponse {
		headers = Map.copyOf(headers);
	}

	static SkyvernWebhookResponse of(SkyvernWebhookOutcome outcome, int status, String body) {
		return new SkyvernWebhookResponse(status, body, Map.of(), outcome);
	}

	static SkyvernWebhookResponse of(SkyvernWebhookOutcome outcome, int status, String body, String headerName,
			String headerValue) {
		return new SkyvernWebhookResponse(status, body, Map.of(headerName, headerValue), outcome);
	}

	/**
	 * Whether Skyvern counts this answer as a successful delivery.
	 * @return {@code true} for a 2xx status
	 */
	public boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

}
