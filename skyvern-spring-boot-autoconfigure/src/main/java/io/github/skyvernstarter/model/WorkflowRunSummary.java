package io.github.skyvernstarter.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One run of a workflow as {@code GET /v1/agents/{workflowId}/runs} lists it (Skyvern's
 * {@code WorkflowRun}), without outputs (read the full run with {@code getRun(runId)}).
 *
 * @param runId the run id ({@code wr_...}), sent as {@code workflow_run_id}
 * @param workflowId the workflow ({@code wpid_...}), sent as {@code workflow_permanent_id}
 * @param workflowVersionId the workflow version that ran ({@code w_...}), sent as {@code workflow_id}
 * @param status the run's status
 * @param failureReason why the run failed, if it did
 * @param webhookFailureReason why delivering the run's webhook failed, if it did
 * @param parentWorkflowRunId the run that started this one from inside a workflow, or {@code null} for
 * a top-level run
 * @param retriedFromWorkflowRunId the run this one retries, if any
 * @param workflowTitle the workflow's title, if known
 * @param triggerType how the run was started ({@code api}, {@code manual}, ...), if known
 * @param runWith {@code agent} or {@code code}, if known
 * @param browserSessionId the persistent browser session used, if any
 * @param createdAt when the run was created
 * @param modifiedAt when the run was last modified
 * @param queuedAt when the run was queued, if it was
 * @param startedAt when the run started, if it did
 * @param finishedAt when the run finished, if it did
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkflowRunSummary(@JsonProperty("workflow_run_id") String runId,
		@JsonProperty("workflow_permanent_id") @Nullable String workflowId,
		@JsonProperty("workflow_id") @Nullable String workflowVersionId, RunStatus status,
		@Nullable String failureReason, @Nullable String webhookFailureReason, @Nullable String parentWorkflowRunId,
		@Nullable String retriedFromWorkflowRunId, @Nullable String workflowTitle, @Nullable String triggerType,
		@Nullable String runWith, @Nullable String browserSessionId,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant queuedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant startedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant finishedAt) {

	/**
	 * Create a workflow run summary.
	 * @param runId the run id
	 * @param workflowId the workflow
	 * @param workflowVersionId the workflow version that ran
	 * @param status the run's status
	 * @param failureReason why the run failed, if it did
	 * @param webhookFailureReason why delivering the run's webhook failed, if it did
	 * @param parentWorkflowRunId the run that started this one, or {@code null} for a top-level run
	 * @param retriedFromWorkflowRunId the run this one retries, if any
	 * @param workflowTitle the workflow's title, if known
	 * @param triggerType how the run was started, if known
	 * @param runWith {@code agent} or {@code code}, if known
	 * @param browserSessionId the persistent browser session used, if any
	 * @param createdAt when the run was created
	 * @param modifiedAt when the run was last modified
	 * @param queuedAt when the run was queued, if it was
	 * @param startedAt when the run started, if it did
	 * @param finishedAt when the run finished, if it did
	 * @throws IllegalArgumentException if the run id or the status is missing
	 */
	public WorkflowRunSummary {
		if (runId == null) {
			throw new IllegalArgumentException("Workflow run summary has no workflow_run_id");
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
