package io.github.skyvernstarter.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Run objects shaped like Skyvern's answers (naive UTC timestamps, the fields a real server sends),
 * written once so that the servers only copy bytes.
 */
final class CannedRuns {

	private CannedRuns() {
	}

	static String run(String runId, String status, boolean withOutput) {
		String finished = withOutput ? "\"2026-08-22T18:31:12.480211\"" : "null";
		String output = withOutput
				? "{\"invoice\":{\"number\":\"INV-2026-0042\",\"total\":1234.5,\"currency\":\"EUR\","
						+ "\"lines\":[{\"sku\":\"A-1\",\"qty\":2,\"price\":300.0},{\"sku\":\"B-7\",\"qty\":1,\"price\":634.5}]},"
						+ "\"pages_visited\":4}"
				: "null";
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"output\":" + output
				+ ",\"downloaded_files\":[],\"recording_url\":null,\"recording_archived\":false,"
				+ "\"screenshot_urls\":[\"https://artifacts.skyvern.example/" + runId + "/final.png\"],"
				+ "\"failure_reason\":null,\"created_at\":\"2026-08-22T18:30:00.160725\","
				+ "\"modified_at\":\"2026-08-22T18:31:12.480211\",\"queued_at\":\"2026-08-22T18:30:00.201133\","
				+ "\"started_at\":\"2026-08-22T18:30:01.002131\",\"finished_at\":" + finished
				+ ",\"app_url\":\"https://app.skyvern.com/runs/" + runId + "\",\"browser_session_id\":null,"
				+ "\"browser_profile_id\":null,\"max_screenshot_scrolls\":null,\"script_run\":null,\"errors\":[],"
				+ "\"step_count\":7,\"run_type\":\"workflow_run\",\"run_with\":\"agent\",\"ai_fallback\":true,"
				+ "\"script_id\":null,\"browser_seed_source\":null,\"run_request\":{\"workflow_id\":\"wpid_bench\","
				+ "\"parameters\":{\"account\":\"42\"},\"proxy_location\":\"RESIDENTIAL\",\"webhook_url\":null}}";
	}

	static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
