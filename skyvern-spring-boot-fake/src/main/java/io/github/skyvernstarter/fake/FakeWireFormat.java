package io.github.skyvernstarter.fake;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON Skyvern writes: run objects, run-finished webhook bodies and error bodies, with
 * Skyvern's field names and order, its {@code null}s, and naive UTC timestamps.
 */
final class FakeWireFormat {

	/** The fields Skyvern echoes in {@code run_request}, in Skyvern's order. */
	private static final List<String> RUN_REQUEST_FIELDS = List.of("workflow_id", "parameters", "title",
			"proxy_location", "webhook_url", "totp_url", "totp_identifier", "browser_session_id",
			"reuse_browser_session", "browser_profile_id", "start_fresh_browser", "max_screenshot_scrolls",
			"max_elapsed_time_minutes", "extra_http_headers", "cdp_connect_headers", "browser_address", "ai_fallback",
			"run_with", "run_metadata");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private FakeWireFormat() {
	}

	/**
	 * The run object of {@code GET /v1/runs/{id}} ({@code WorkflowRunResponse}).
	 */
	static ObjectNode run(FakeRun.Snapshot run) {
		ObjectNode json = NODES.objectNode();
		json.put("run_id", run.runId());
		json.put("status", run.status().value());
		json.set("output", run.output());
		json.putArray("downloaded_files");
		json.putNull("recording_url");
		json.put("recording_archived", false);
		json.putArray("screenshot_urls");
		putNullable(json, "failure_reason", run.failureReason());
		putTimestamp(json, "created_at", run.createdAt());
		putTimestamp(json, "modified_at", run.modifiedAt());
		putTimestamp(json, "queued_at", run.queuedAt());
		putTimestamp(json, "started_at", run.startedAt());
		putTimestamp(json, "finished_at", run.finishedAt());
		json.putNull("app_url");
		json.set("browser_session_id", run.requestField("browser_session_id"));
		json.set("browser_profile_id", run.requestField("browser_profile_id"));
		json.set("max_screenshot_scrolls", run.requestField("max_screenshot_scrolls"));
		json.putNull("script_run");
		json.putArray("errors");
		json.put("step_count", run.stepCount());
		json.put("run_type", run.runType());
		json.set("run_with", run.requestField("run_with"));
		json.set("ai_fallback", run.requestField("ai_fallback"));
		json.putNull("script_id");
		json.put("browser_seed_source", "fresh");
		// A task run echoes its TaskRunRequest as sent.
		json.set("run_request", run.isTask() ? run.request().deepCopy() : runRequest(run));
		return json;
	}

	/**
	 * The body of a task run's finished webhook: a legacy task object ({@code task_id},
	 * {@code extracted_information}, ...) with the run object, without {@code run_request}, over it.
	 */
	static ObjectNode taskFinishedWebhook(FakeRun.Snapshot run) {
		ObjectNode api = run(run);
		api.remove("run_request");
		ObjectNode json = NODES.objectNode();
		json.put("task_id", run.runId());
		json.put("status", run.status().value());
		json.set("title", run.requestField("title"));
		json.set("url", run.requestField("url"));
		json.set("navigation_goal", run.requestField("prompt"));
		json.set("webhook_callback_url", run.requestField("webhook_url"));
		json.set("totp_verification_url", run.requestField("totp_url"));
		json.set("totp_identifier", run.requestField("totp_identifier"));
		json.set("extracted_information", run.output());
		json.set("failure_reason", api.get("failure_reason"));
		json.putNull("screenshot_url");
		json.putNull("action_screenshot_urls");
		json.set("created_at", api.get("created_at"));
		json.set("modified_at", api.get("modified_at"));
		json.setAll(api);
		return normalizeNumbers(json.deepCopy());
	}

	/**
	 * The body of a run-finished webhook: the legacy workflow-run keys first, then the run object, in
	 * the order of Skyvern's {@code prepare_workflow_webhook}.
	 */
	static ObjectNode runFinishedWebhook(FakeRun.Snapshot run) {
		ObjectNode api = run(run);
		ObjectNode json = NODES.objectNode();
		json.put("workflow_id", run.workflowId());
		json.put("workflow_run_id", run.runId());
		json.put("status", run.status().value());
		json.set("failure_reason", api.get("failure_reason"));
		json.putNull("failure_category");
		json.putNull("retried_from_workflow_run_id");
		json.putNull("retried_by_workflow_run_id");
		json.set("proxy_location", run.requestField("proxy_location"));
		json.set("webhook_callback_url", run.requestField("webhook_url"));
		json.putNull("webhook_failure_reason");
		json.set("totp_verification_url", run.requestField("totp_url"));
		json.set("totp_identifier", run.requestField("totp_identifier"));
		json.set("extra_http_headers", run.requestField("extra_http_headers"));
		json.set("cdp_connect_headers", run.requestField("cdp_connect_headers"));
		for (String field : new String[] { "queued_at", "started_at", "finished_at", "created_at", "modified_at" }) {
			json.set(field, api.get(field));
		}
		json.set("parameters", run.requestField("parameters"));
		json.set("screenshot_urls", api.get("screenshot_urls"));
		json.set("recording_url", api.get("recording_url"));
		json.putNull("recording_urls");
		json.set("recording_archived", api.get("recording_archived"));
		json.set("downloaded_files", api.get("downloaded_files"));
		json.putArray("downloaded_file_urls");
		json.set("outputs", run.output());
		json.put("total_steps", run.stepCount());
		json.putNull("total_cost");
		json.put("credits_used", run.stepCount());
		json.put("cached_credits_used", 0);
		json.putNull("task_v2");
		json.set("workflow_title", run.requestField("title"));
		json.set("browser_session_id", api.get("browser_session_id"));
		json.set("browser_profile_id", api.get("browser_profile_id"));
		json.set("browser_seed_source", api.get("browser_seed_source"));
		json.putNull("browser_sink_profile_id");
		json.set("max_screenshot_scrolls", api.get("max_screenshot_scrolls"));
		json.set("browser_address", run.requestField("browser_address"));
		json.set("run_with", api.get("run_with"));
		json.putNull("script_run");
		json.putNull("script_id");
		json.set("errors", api.get("errors"));
		json.put("agent_id", run.workflowId());
		json.put("agent_run_id", run.runId());
		for (String field : new String[] { "run_id", "output", "app_url", "step_count", "run_type", "ai_fallback",
				"run_request" }) {
			json.set(field, api.get(field));
		}
		// A copy: the tree shares nodes with the stubbed output and the recorded request.
		return normalizeNumbers(json.deepCopy());
	}

	/**
	 * An error body as Skyvern writes it: {@code {"error": ...}} for 500, a validation list for 422,
	 * {@code {"detail": ...}} otherwise.
	 */
	static byte[] error(int status, String detail) {
		ObjectNode json = NODES.objectNode();
		if (status == 500) {
			json.put("error", detail);
		}
		else if (status == 422) {
			ObjectNode item = json.putArray("detail").addObject();
			item.put("type", "value_error");
			item.putArray("loc").add("body");
			item.put("msg", detail);
			item.putNull("input");
		}
		else {
			json.put("detail", detail);
		}
		return FakeJson.write(json);
	}

	static byte[] retryWebhookResult(String runId, @Nullable String defaultUrl, String targetUrl, byte[] payload,
			Map<String, String> headers, @Nullable Integer statusCode, long latencyMillis,
			@Nullable String responseBody, @Nullable String error) {
		ObjectNode json = NODES.objectNode();
		json.put("run_id", runId);
		json.put("run_type", "workflow_run");
		putNullable(json, "default_webhook_url", defaultUrl);
		json.put("target_webhook_url", targetUrl);
		json.put("payload", new String(payload, StandardCharsets.UTF_8));
		ObjectNode headersJson = json.putObject("headers");
		headers.forEach(headersJson::put);
		if (statusCode != null) {
			json.put("status_code", statusCode);
		}
		else {
			json.putNull("status_code");
		}
		json.put("latency_ms", latencyMillis);
		putNullable(json, "response_body", responseBody);
		putNullable(json, "error", error);
		return FakeJson.write(json);
	}

	private static ObjectNode runRequest(FakeRun.Snapshot run) {
		ObjectNode json = NODES.objectNode();
		for (String field : RUN_REQUEST_FIELDS) {
			json.set(field, field.equals("workflow_id") ? NODES.stringNode(run.workflowId()) : run.requestField(field));
		}
		return json;
	}

	private static void putNullable(ObjectNode json, String field, @Nullable String value) {
		if (value != null) {
			json.put(field, value);
		}
		else {
			json.putNull(field);
		}
	}

	private static void putTimestamp(ObjectNode json, String field, @Nullable Instant value) {
		putNullable(json, field, (value != null) ? FakeJson.timestamp(value) : null);
	}

	/**
	 * Turn integral floating-point numbers into integers, as Skyvern's {@code _normalize_numbers} does
	 * before it signs a webhook ({@code 7.0} is sent as {@code 7}).
	 */
	static <T extends JsonNode> T normalizeNumbers(T node) {
		if (node instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				object.set(name, normalizeNumbers(normalizeNumber(object.get(name))));
			}
		}
		else if (node instanceof ArrayNode array) {
			for (int i = 0; i < array.size(); i++) {
				array.set(i, normalizeNumbers(normalizeNumber(array.get(i))));
			}
		}
		return node;
	}

	private static JsonNode normalizeNumber(JsonNode node) {
		if (!node.isFloatingPointNumber()) {
			return node;
		}
		double value = node.doubleValue();
		if (Double.isNaN(value) || Double.isInfinite(value) || value != Math.rint(value)) {
			return node;
		}
		BigInteger integer = new BigDecimal(value).toBigInteger();
		return (integer.bitLength() < 64) ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
	}

}
