package io.github.skyvernstarter.client;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.jspecify.annotations.Nullable;

/**
 * Writes the JSON body of {@code POST /v1/run/agents}: every body field of the request under the name
 * Skyvern reads, nulls and empty maps omitted.
 * <p>
 * {@code max_steps_override} and {@code user_agent} travel as headers and {@code template} as a query
 * parameter (see {@link SkyvernApiClient#runWorkflow}); {@code wait_for_completion} and
 * {@code timeout} stay in this client.
 */
final class RunWorkflowBody {

	private RunWorkflowBody() {
	}

	static Map<String, @Nullable Object> of(RunWorkflowRequest request) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("agent_id", request.workflowId());
		putIfNotEmpty(body, "parameters", request.parameters());
		putIfNotNull(body, "title", request.title());
		putIfNotNull(body, "proxy_location", request.proxyLocation());
		putIfNotNull(body, "webhook_url", request.webhookUrl());
		putIfNotNull(body, "totp_url", request.totpUrl());
		putIfNotNull(body, "totp_identifier", request.totpIdentifier());
		putIfNotNull(body, "browser_session_id", request.browserSessionId());
		putIfNotNull(body, "reuse_browser_session", request.reuseBrowserSession());
		putIfNotNull(body, "browser_profile_id", request.browserProfileId());
		putIfNotNull(body, "start_fresh_browser", request.startFreshBrowser());
		putIfNotNull(body, "max_screenshot_scrolls", request.maxScreenshotScrolls());
		putIfNotNull(body, "max_elapsed_time_minutes", request.maxElapsedTimeMinutes());
		putIfNotEmpty(body, "extra_http_headers", request.extraHttpHeaders());
		putIfNotEmpty(body, "cdp_connect_headers", request.cdpConnectHeaders());
		putIfNotNull(body, "browser_address", request.browserAddress());
		putIfNotNull(body, "ai_fallback", request.aiFallback());
		putIfNotNull(body, "run_with", request.runWith());
		putIfNotEmpty(body, "run_metadata", request.runMetadata());
		return body;
	}

	private static void putIfNotNull(Map<String, @Nullable Object> body, String name, @Nullable Object value) {
		if (value != null) {
			body.put(name, value);
		}
	}

	private static void putIfNotEmpty(Map<String, @Nullable Object> body, String name, Map<String, ?> value) {
		if (!value.isEmpty()) {
			body.put(name, value);
		}
	}

}
