package io.github.skyvernstarter.fake;

import java.util.function.Function;

import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * How the fake Skyvern answers runs of one workflow: the final status and output a run reaches and
 * after how many steps, or the error that starting a run gets.
 * <p>
 * Each method changes the workflow at once and returns it for chaining; runs already started keep
 * the behaviour they started with. By default a run completes on its first step with output
 * {@code null}.
 *
 * @since 0.1.0
 */
public final class FakeWorkflow {

	private static final Function<JsonNode, JsonNode> NO_OUTPUT = (request) -> NullNode.getInstance();

	private volatile Outcome outcome = new Outcome(RunStatus.COMPLETED, NO_OUTPUT, null, 1);

	private volatile @Nullable StartError startError;

	FakeWorkflow() {
	}

	/**
	 * Make runs complete with the given output.
	 * @param output the run's {@code output}: a map, record, list, string, {@link JsonNode} or
	 * {@code null}
	 * @return this workflow
	 */
	public FakeWorkflow completesWith(@Nullable Object output) {
		return finishesWith(RunStatus.COMPLETED, output);
	}

	/**
	 * Make runs complete with an output made from their request, for example one that echoes the
	 * parameters.
	 * @param output turns the run request's JSON body into the run's {@code output}
	 * @return this workflow
	 */
	public FakeWorkflow completesWithOutputOf(Function<JsonNode, @Nullable Object> output) {
		Outcome current = this.outcome;
		this.outcome = new Outcome(RunStatus.COMPLETED, (request) -> FakeJson.toJson(output.apply(request)), null,
				current.steps());
		this.startError = null;
		return this;
	}

	/**
	 * Make runs end with the given final status and output {@code null}.
	 * @param status a final status, for example {@link RunStatus#FAILED}
	 * @return this workflow
	 */
	public FakeWorkflow finishesWith(RunStatus status) {
		return finishesWith(status, null);
	}

	/**
	 * Make runs end with the given final status and output.
	 * @param status a final status, for example {@link RunStatus#TERMINATED}
	 * @param output the run's {@code output}, or {@code null}
	 * @return this workflow
	 * @throws IllegalArgumentException if the status is not final
	 */
	public FakeWorkflow finishesWith(RunStatus status, @Nullable Object output) {
		if (!status.isFinal()) {
			throw new IllegalArgumentException("'" + status + "' is not a final status; use completed, failed, "
					+ "terminated, canceled or timed_out");
		}
		Outcome current = this.outcome;
		String reason = status.equals(RunStatus.COMPLETED) ? null
				: (current.failureReason() != null) ? current.failureReason() : "Stubbed run ended as " + status;
		JsonNode json = FakeJson.toJson(output);
		this.outcome = new Outcome(status, (request) -> json, reason, current.steps());
		this.startError = null;
		return this;
	}

	/**
	 * Set the {@code failure_reason} of runs that do not complete.
	 * @param failureReason the reason Skyvern reports
	 * @return this workflow
	 */
	public FakeWorkflow failureReason(String failureReason) {
		Outcome current = this.outcome;
		this.outcome = new Outcome(current.status(), current.output(), failureReason, current.steps());
		return this;
	}

	/**
	 * Make runs reach their final status on the given step; the steps before it show {@code queued},
	 * then {@code running}. What a step is depends on the fake: a status poll, or a fixed time.
	 * @param steps the step that reaches the final status, 1 or more
	 * @return this workflow
	 */
	public FakeWorkflow finishesAfter(int steps) {
		if (steps < 1) {
			throw new IllegalArgumentException(
					"A run finishes after 1 or more steps, not " + steps + ": a new run is never final in Skyvern");
		}
		Outcome current = this.outcome;
		this.outcome = new Outcome(current.status(), current.output(), current.failureReason(), steps);
		return this;
	}

	/**
	 * Make starting a run fail with the given Skyvern error, in Skyvern's own error JSON.
	 * @param httpStatus the HTTP status, for example 404, 422 or 429
	 * @param detail the error text
	 * @return this workflow
	 */
	public FakeWorkflow failsToStart(int httpStatus, String detail) {
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
	 * Where a run of this workflow ends: its output is made from the run request's body.
	 */
	record Outcome(RunStatus status, Function<JsonNode, JsonNode> output, @Nullable String failureReason, int steps) {

	}

	/**
	 * The error that starting a run gets.
	 */
	record StartError(int httpStatus, String detail) {

	}

}
