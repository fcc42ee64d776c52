package io.github.skyvernstarter.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One run in the history {@code GET /v1/runs} lists: a task run or a top-level workflow run, without its
 * output (read the full run with {@code getRun(runId)}).
 *
 * @param runId the run id ({@code wr_...}, {@code tsk_...}, {@code tsk_v2_...})
 * @param taskRunId the id of Skyvern's history row for the run
 * @param runType the kind of run ({@code workflow_run}, {@code task_v1}, ...), sent as {@code task_run_type};
 * {@code null} when Skyvern sent a blank one
 * @param status the run's status; {@code unknown} (not final) when Skyvern sent a blank one
 * @param title the run's title, if any
 * @param createdAt when the run was created
 * @param startedAt when the run started, if it did
 * @param finishedAt when the run finished, if it did
 * @param workflowId the workflow ({@code wpid_...}) of a workflow run, sent as
 * {@code workflow_permanent_id}
 * @param workflowDeleted whether the run's workflow was deleted since
 * @param scriptRun whether the run executed generated code
 * @param triggerType how the run was started ({@code api}, {@code manual}, {@code scheduled}, ...), if
 * known
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunSummary(String runId, @Nullable String taskRunId,
		@JsonProperty("task_run_type") @JsonDeserialize(using = SkyvernLenientRunTypeDeserializer.class) @Nullable RunType runType,
		@JsonDeserialize(using = SkyvernLenientRunStatusDeserializer.class) RunStatus status,
		@Nullable String title, @JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant startedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant finishedAt,
		@JsonProperty("workflow_permanent_id") @Nullable String workflowId, boolean workflowDeleted,
		boolean scriptRun, @Nullable String triggerType) {

	/**
	 * Create a run summary.
	 * @param runId the run id
	 * @param taskRunId the id of Skyvern's history row for the run
	 * @param runType the kind of run
	 * @param status the run's status
	 * @param title the run's title, if any
	 * @param createdAt when the run was created
	 * @param startedAt when the run started, if it did
	 * @param finishedAt when the run finished, if it did
	 * @param workflowId the workflow of a workflow run
	 * @param workflowDeleted whether the run's workflow was deleted since
	 * @param scriptRun whether the run executed generated code
	 * @param triggerType how the run was started, if known
	 * @throws IllegalArgumentException if the run id or the status is missing
	 */
	public RunSummary {
		if (runId == null) {
			throw new IllegalArgumentException("Run summary has no run_id");
		}
		if (status == null) {
			throw new IllegalArgumentException("Run " + runId + " has no status");
		}
	}

	/**
	 * Whether the run has reached a final status.
	 * @return {@code true} if the run is completed, failed, terminated, canceled or timed out
	 */
	@JsonIgnore
	public boolean isFinal() {
		return this.status.isFinal();
	}

}
