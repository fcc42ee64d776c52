package io.github.skyvernstarter.client;

import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.operation.SkyvernOperation;

/**
 * Where each value of a {@link RunWorkflowRequest} goes in {@code POST /v1/run/agents}: the one place
 * that decides it. Most values are JSON body fields under the name Skyvern reads;
 * {@code max_steps_override} and {@code user_agent} are headers, {@code template} is a query
 * parameter, and {@code waitForCompletion} and {@code waitTimeout} are never sent: they tell the
 * template whether and how long to wait.
 */
final class RunWorkflowMapping {

	private RunWorkflowMapping() {
	}

	static SkyvernCall toCall(RunWorkflowRequest request) {
		if (RunWorkflowRequest.TOTP_RECEIVER.equals(request.totpUrl())) {
			throw new IllegalStateException("The run request asks for this application's 2FA receiver as its "
					+ "totp_url, but none is set up: add @EnableSkyvernWebhooks, a SkyvernVerificationCodeProvider "
					+ "bean and skyvern.webhooks.public-url");
		}
		return SkyvernCall.to(SkyvernOperation.RUN_WORKFLOW)
			.body("agent_id", request.workflowId())
			.body("parameters", request.parameters())
			.body("title", request.title())
			.body("proxy_location", request.proxyLocation())
			.body("webhook_url", request.webhookUrl())
			.body("totp_url", request.totpUrl())
			.body("totp_identifier", request.totpIdentifier())
			.body("browser_session_id", request.browserSessionId())
			.body("reuse_browser_session", request.reuseBrowserSession())
			.body("browser_profile_id", request.browserProfileId())
			.body("start_fresh_browser", request.startFreshBrowser())
			.body("max_screenshot_scrolls", request.maxScreenshotScrolls())
			.body("max_elapsed_time_minutes", request.maxElapsedTimeMinutes())
			.body("extra_http_headers", request.extraHttpHeaders())
			.body("cdp_connect_headers", request.cdpConnectHeaders())
			.body("browser_address", request.browserAddress())
			.body("ai_fallback", request.aiFallback())
			.body("run_with", request.runWith())
			.body("run_metadata", request.runMetadata())
			.header(SkyvernHeaders.MAX_STEPS_OVERRIDE, request.maxStepsOverride())
			.header(SkyvernHeaders.USER_AGENT, request.userAgent())
			.queryFlag("template", request.template())
			.build();
	}

}
