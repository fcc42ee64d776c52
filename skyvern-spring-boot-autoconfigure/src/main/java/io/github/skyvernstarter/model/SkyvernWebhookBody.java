package io.github.skyvernstarter.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the body of a Skyvern run-finished webhook: the run object, with the extra legacy keys
 * older servers send.
 */
public final class SkyvernWebhookBody {

	private SkyvernWebhookBody() {
	}

	/**
	 * Read the run a webhook body carries.
	 * @param body the request body exactly as received
	 * @return the run, or {@code null} if the body is not a run
	 */
	public static @Nullable SkyvernRun parseRun(byte[] body) {
		try {
			// One pass straight into the record: a tree first would copy a multi-megabyte output twice.
			return SkyvernJson.mapper().readValue(body, SkyvernRun.class);
		}
		catch (RuntimeException ex) {
			return parseLegacyRun(body);
		}
	}

	private static @Nullable SkyvernRun parseLegacyRun(byte[] body) {
		try {
			JsonNode root = SkyvernJson.mapper().readTree(body);
			if (root == null || !root.isObject()) {
				return null;
			}
			// Older workflow webhooks name the run only "workflow_run_id".
			JsonNode runId = root.get("run_id");
			JsonNode workflowRunId = root.get("workflow_run_id");
			if ((runId == null || runId.isNull()) && workflowRunId != null && workflowRunId.isString()) {
				((ObjectNode) root).put("run_id", workflowRunId.asString());
			}
			return SkyvernJson.mapper().treeToValue(root, SkyvernRun.class);
		}
		catch (RuntimeException ex) {
			// Jackson's exceptions and the run's own validation: either way, not a run.
			return null;
		}
	}

}
