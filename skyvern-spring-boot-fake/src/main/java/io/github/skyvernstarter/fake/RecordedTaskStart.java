package io.github.skyvernstarter.fake;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A request to start a task run ({@code POST /v1/run/tasks}) that reached the fake, as it arrived.
 *
 * @param runId the id of the task run the fake created ({@code tsk_...}), or {@code null} when it
 * answered with an error before creating one
 * @param runType the {@code run_type} of the created run ({@code task_v1}, {@code task_v2}, ...), or
 * {@code null} when no run was created
 * @param body the JSON body as sent
 * @param headers the request headers, with lower-case names
 * @param answeredWithError whether the fake answered with an error (a run may exist all the same)
 * @since 0.1.0
 */
public record RecordedTaskStart(@Nullable String runId, @Nullable String runType, JsonNode body,
		Map<String, List<String>> headers, boolean answeredWithError) {

	/**
	 * Whether the fake created a task run for this request, even if it answered with an error.
	 * @return {@code true} if a run was created
	 */
	public boolean started() {
		return this.runId != null;
	}

	@Override
	public String toString() {
		// Not the headers: they carry the API key.
		return "RecordedTaskStart[runId=" + this.runId + ", runType=" + this.runType + ", body=" + this.body
				+ ", answeredWithError=" + this.answeredWithError + "]";
	}

}
