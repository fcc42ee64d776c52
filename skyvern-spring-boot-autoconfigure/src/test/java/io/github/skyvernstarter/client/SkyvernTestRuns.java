package io.github.skyvernstarter.client;

/**
 * Run bodies as Skyvern writes them, for tests.
 */
final class SkyvernTestRuns {

	private SkyvernTestRuns() {
	}

	static String run(String runId, String status) {
		return run(runId, status, "null");
	}

	static String run(String runId, String status, String outputJson) {
		return """
				{"run_id":"%s","status":"%s","output":%s,"created_at":"2026-08-22T18:30:00.160725",\
				"modified_at":"2026-08-22T18:31:00","run_type":"workflow_run",\
				"run_request":{"workflow_id":"wpid_test"}}""".formatted(runId, status, outputJson);
	}

}
