package io.github.skyvernstarter.observation;

import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of a {@link SkyvernObservationDocumentation#OPERATION} observation: which operation, on
 * which run and workflow, and the run status it saw. It holds no request, payload or API key.
 *
 * @since 0.1.0
 */
public final class SkyvernOperationContext extends Observation.Context {

	private final Operation operation;

	private @Nullable String runId;

	private @Nullable String workflowId;

	private @Nullable RunStatus runStatus;

	private boolean cancelled;

	/**
	 * Create a context.
	 * @param operation the operation observed
	 * @param runId the run, when known before the operation
	 * @param workflowId the workflow, when known before the operation
	 */
	public SkyvernOperationContext(Operation operation, @Nullable String runId, @Nullable String workflowId) {
		this.operation = operation;
		this.runId = runId;
		this.workflowId = workflowId;
	}

	/**
	 * Return the operation observed.
	 * @return the operation
	 */
	public Operation getOperation() {
		return this.operation;
	}

	/**
	 * Return the run concerned.
	 * @return the run id, or {@code null} before a run start answered or when it failed
	 */
	public @Nullable String getRunId() {
		return this.runId;
	}

	/**
	 * Set the run concerned.
	 * @param runId the run id
	 */
	public void setRunId(@Nullable String runId) {
		this.runId = runId;
	}

	/**
	 * Return the workflow concerned.
	 * @return the workflow id, or {@code null} when unknown (cancel, retry-webhook, a failed read)
	 */
	public @Nullable String getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * Set the workflow concerned.
	 * @param workflowId the workflow id
	 */
	public void setWorkflowId(@Nullable String workflowId) {
		this.workflowId = workflowId;
	}

	/**
	 * Return the run status the operation saw last.
	 * @return the status, or {@code null} when the operation saw none
	 */
	public @Nullable RunStatus getRunStatus() {
		return this.runStatus;
	}

	/**
	 * Set the run status the operation saw last.
	 * @param runStatus the status
	 */
	public void setRunStatus(@Nullable RunStatus runStatus) {
		this.runStatus = runStatus;
	}

	/**
	 * Whether the caller cancelled the operation before it ended.
	 * @return {@code true} if cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Mark the operation as cancelled by its caller.
	 */
	public void setCancelled() {
		this.cancelled = true;
	}

	/**
	 * Return how the operation ended: {@code success}, {@code failure} (see {@link #getError()}) or
	 * {@code cancelled} (the caller stopped listening; unrelated to a run's {@code canceled} status).
	 * @return the outcome
	 */
	public String getOutcome() {
		if (this.cancelled) {
			return "cancelled";
		}
		return (getError() != null) ? "failure" : "success";
	}

	/**
	 * The logical operations observed: the API calls, and waiting for a run's final status.
	 */
	public enum Operation {

		/** Start a workflow run. */
		RUN("run"),

		/** Read a run. */
		GET("get"),

		/** Cancel a run. */
		CANCEL("cancel"),

		/** Wait for a run's final status, all polls included. */
		WAIT("wait"),

		/** Re-deliver a run's webhook. */
		RETRY_WEBHOOK("retry-webhook"),

		/** Read a run's timeline. */
		TIMELINE("timeline"),

		/** List a run's artifacts. */
		ARTIFACTS("artifacts"),

		/** Run a finished workflow run again. */
		RETRY("retry"),

		/** Cancel several runs. */
		CANCEL_RUNS("cancel-runs"),

		/** Read a workflow. */
		GET_WORKFLOW("get-workflow"),

		/** List workflows. */
		LIST_WORKFLOWS("list-workflows"),

		/** Push a 2FA verification code. */
		SEND_VERIFICATION_CODE("send-verification-code"),

		/** Download a file a run produced. */
		DOWNLOAD("download");

		private final String operationName;

		Operation(String operationName) {
			this.operationName = operationName;
		}

		/**
		 * Return the operation observed for the given API call, by its name.
		 * @param operation the API call
		 * @return the observed operation
		 * @throws IllegalArgumentException if no observed operation has the call's name
		 */
		public static Operation of(SkyvernOperation operation) {
			for (Operation candidate : values()) {
				if (candidate.operationName.equals(operation.operationName())) {
					return candidate;
				}
			}
			throw new IllegalArgumentException("No observed operation named " + operation.operationName());
		}

		/**
		 * Return the name used in tags and logs, for example {@code retry-webhook}.
		 * @return the name
		 */
		public String operationName() {
			return this.operationName;
		}

	}

}
