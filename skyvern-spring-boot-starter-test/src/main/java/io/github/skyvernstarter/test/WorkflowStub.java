package io.github.skyvernstarter.test;

import io.github.skyvernstarter.fake.FakeWorkflow;
import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * How the {@link SkyvernStub} answers runs of one workflow: the final status and output a run
 * reaches and after how many status polls, or the error that starting a run gets.
 * <p>
 * Each method changes the stub at once and returns it for chaining; runs already started keep the
 * behaviour they started with. By default a run completes on its first poll with output
 * {@code null}.
 *
 * @since 0.1.0
 */
public final class WorkflowStub {

	private final FakeWorkflow workflow;

	WorkflowStub(FakeWorkflow workflow) {
		this.workflow = workflow;
	}

	/**
	 * Make runs complete with the given output.
	 * @param output the run's {@code output}: a map, record, list, string, {@link JsonNode} or
	 * {@code null}
	 * @return this stub
	 */
	public WorkflowStub completesWith(@Nullable Object output) {
		this.workflow.completesWith(output);
		return this;
	}

	/**
	 * Make runs end with the given final status and output {@code null}.
	 * @param status a final status, for example {@link RunStatus#FAILED}
	 * @return this stub
	 */
	public WorkflowStub finishesWith(RunStatus status) {
		this.workflow.finishesWith(status);
		return this;
	}

	/**
	 * Make runs end with the given final status and output.
	 * @param status a final status, for example {@link RunStatus#TERMINATED}
	 * @param output the run's {@code output}, or {@code null}
	 * @return this stub
	 * @throws IllegalArgumentException if the status is not final
	 */
	public WorkflowStub finishesWith(RunStatus status, @Nullable Object output) {
		this.workflow.finishesWith(status, output);
		return this;
	}

	/**
	 * Set the {@code failure_reason} of runs that do not complete.
	 * @param failureReason the reason Skyvern reports
	 * @return this stub
	 */
	public WorkflowStub failureReason(String failureReason) {
		this.workflow.failureReason(failureReason);
		return this;
	}

	/**
	 * Make runs reach their final status on the given status poll ({@code GET /v1/runs/{id}}); the polls
	 * before answer {@code queued}, then {@code running}.
	 * @param polls the poll that sees the final status, 1 or more
	 * @return this stub
	 */
	public WorkflowStub afterPolls(int polls) {
		this.workflow.finishesAfter(polls);
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
		this.workflow.failsToStart(httpStatus, detail);
		return this;
	}

}
