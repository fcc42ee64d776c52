package io.github.skyvernstarter.webhook;

import org.jspecify.annotations.Nullable;

/**
 * Which run asks for a 2FA verification code, as Skyvern's signed request names it. A workflow run
 * sends its {@code workflow_run_id} (and its task's {@code task_id} when a block asks); a 1.0 task
 * sends only its {@code task_id}.
 *
 * @param taskId the task that asks, if named
 * @param workflowRunId the workflow run that asks, if named
 * @param workflowPermanentId the workflow of that run, if named
 * @since 0.1.0
 */
public record SkyvernVerificationCodeRequest(@Nullable String taskId, @Nullable String workflowRunId,
		@Nullable String workflowPermanentId) {

	/**
	 * Return the run a code is for: the workflow run if named, else the task.
	 * @return the run id, or {@code null} when the request names neither
	 */
	public @Nullable String runId() {
		return (this.workflowRunId != null) ? this.workflowRunId : this.taskId;
	}

}
