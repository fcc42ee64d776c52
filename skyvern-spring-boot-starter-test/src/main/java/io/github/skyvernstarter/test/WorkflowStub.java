package io.github.skyvernstarter.test;

import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * How the {@link SkyvernStub} answers runs of one workflow: the final status and output a run
 * reaches and after how many status polls, or the error that starting a run gets.
 * <p>
 * Each method changes the stub at once and returns it for chaining; runs already started keep the
 * behaviour they started with. By default a run completes on its first poll with output
 * {@code null}.
 */
public final class WorkflowStub {

	private volatile Outcome outcome = new Outcome(RunStatus.COMPLETED, NullNode.getInstance(), null, 1);

	private volatile @Nullable StartError startError;

	WorkflowStub() {
	}

	/**
	 * Make runs complete with the given output.
	 * @param output the run's {@code output}: a map, record, list, string, {@link JsonNode} or
	 * {@code null}
	 * @return this stub
	 */
	public WorkflowStub completesWith(@Nullable Object output) {
		return finishesWith(RunStatus.COMPLETED, output);
	}

	/**
	 * Make runs end with the given final status and output {@code null}.
	 * @param status a final status, for example {@link RunStatus#FAILED}
	 * @return this stub
	 */
	public WorkflowStub finishesWith(RunStatus status) {
		return finishesWith(status, null);
	}

	/**
	 * Make runs end with the given final status and output.
	 * @param status a final status, for example {@link RunStatus#TERMINATED}
	 * @param output the run's {@code output}, or {@code null}
	 * @return this stub
	 * @throws IllegalArgumentException if the status is not final
	 */
	public WorkflowStub finishesWith(RunStatus status, @Nullable Object output) {
		if (!status.isFinal()) {
			throw new IllegalArgumentException("'" + status + "' is not a final status; use completed, failed, "
					+ "terminated, canceled or timed_out");
		}
		Outcome current = this.outcome;
		String reason = status.equals(RunStatus.COMPLETED) ? null
				: (current.failureReason() != null) ? current.failureReason() : "Stubbed run ended as " + status;
		this.outcome = new Outcome(status, SkyvernWireFormat.toJson(output), reason, current.polls());
		this.startError = null;
		return this;
	}

	/**
	 * Set the {@code failure_reason} of runs that do not complete.
	 * @param failureReason the reason Skyvern reports
	 * @return this stub
	 */
	public WorkflowStub failureReason(String failureReason) {
		Outcome current = this.outcome;
		this.outcome = new Outcome(current.status(), current.output(), failureReason, current.polls());
		return this;
	}

	/**
	 * Make runs reach their final status on the given status poll ({@code GET /v1/runs/{id}}); the polls
	 * before answer {@code queued}, then {@code running}.
	 * @param polls the poll that sees the final status, 1 or more
	 * @return this stub
	 */
	public WorkflowStub afterPolls(int polls) {
		if (polls < 1) {
			throw new IllegalArgumentException("polls must be 1 or more: a new run is never final in Skyvern");
		}
		Outcome current = this.outcome;
		this.outcome = new Outcome(current.status(), current.output(), current.failureReason(), polls);
		return this;
	}

	/**
	 * Make starting a run fail with the given Skyvern error, in Skyvern's own error JSON
	 * ({@code {"detail": ...}}; a validation list for 422; {@code {"error": ...}} for 500).
	 * @param httpStatus the HTTP status, for example 404, 422 or 429
	 * @param detail the error text
	 * @return this stub
	 */
	public WorkflowStub failsToStart(int httpStatus, String detail) {
		if (httpStatus < 400 || httpStatus > 599) {
			throw new IllegalArgumentException("httpStatus must be an error status (4xx or 5xx), not " + httpStatus);
		}
		this.startError = new StartError(httpStatus, detail);
		return this;
	}

	Outcome outcome() {
		return this.outcome;
	}

	@Nullable StartError startError() {
		return this.startError;
	}

	/**
	 * Where a run of this workflow ends.
	 */
	record Outcome(RunStatus status, JsonNode output, @Nullable String failureReason, int polls) {

	}

	/**
	 * The error that starting a run gets.
	 */
	record StartError(int httpStatus, String detail) {

	}

}
