package io.github.skyvernstarter.fake;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request to start a workflow run that reached the fake, as it arrived.
 *
 * @param runId the id of the run the fake created, or {@code null} when it answered with an error
 * @param workflowId the workflow id the request named ({@code agent_id}, or its alias
 * {@code workflow_id})
 * @param body the JSON body as sent
 * @param headers the request headers, with lower-case names
 * @param query the query parameters, for example {@code template=true}
 * @since 0.1.0
 */
public record RecordedRunStart(@Nullable String runId, String workflowId, JsonNode body,
		Map<String, List<String>> headers, Map<String, List<String>> query) {

	/**
	 * Whether the fake created a run for this request (rather than answering with an error).
	 * @return {@code true} if a run was created
	 */
	public boolean started() {
		return this.runId != null;
	}

	@Override
	public String toString() {
		// Not the headers: they carry the API key.
		return "RecordedRunStart[runId=" + this.runId + ", workflowId=" + this.workflowId + ", body=" + this.body + "]";
	}

}
