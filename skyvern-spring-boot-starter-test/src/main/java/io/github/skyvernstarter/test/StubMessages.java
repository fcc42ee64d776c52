package io.github.skyvernstarter.test;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@link SkyvernStub}'s failure messages: a webhook the receiver refused, the run requests received.
 */
final class StubMessages {

	private StubMessages() {
	}

	static WebhookDelivery accepted(WebhookDelivery delivery) {
		if (!delivery.accepted()) {
			throw new AssertionError("The receiver at " + delivery.target() + " answered " + delivery.statusCode()
					+ " to the run-finished webhook: "
					+ (delivery.responseBody().isEmpty() ? "(no body)" : delivery.responseBody())
					+ securityHint(delivery.statusCode()));
		}
		return delivery;
	}

	static String securityHint(int status) {
		if (status != 302 && status != 401 && status != 403) {
			return "";
		}
		// A login page, a missing login or a missing CSRF token: Spring Security, not the receiver, whose own
		// 401 says "missing signature" or "invalid signature".
		return ". If Spring Security answered, check that the application uses @EnableSkyvernWebhooks and does not "
				+ "set skyvern.webhooks.security.enabled=false, or that its own chain for the receiver's path permits "
				+ "the request without CSRF protection (see \"Secured applications\" in the starter's docs/webhooks.md)";
	}

	static String describe(List<RecordedRunRequest> requests) {
		if (requests.isEmpty()) {
			return "none";
		}
		return requests.stream()
			.map((request) -> request.workflowId() + " " + request.body().get("parameters")
					+ (request.started() ? "" : " (answered with an error)"))
			.collect(Collectors.joining("; ", "[", "]"));
	}

}
