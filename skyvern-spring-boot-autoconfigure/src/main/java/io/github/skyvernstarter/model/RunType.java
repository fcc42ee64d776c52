package io.github.skyvernstarter.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Kind of a Skyvern run, which tells a workflow run from the task runs {@code GET /v1/runs/{id}} can
 * also return; unknown values are kept as they are.
 *
 * @param value the run type as Skyvern writes it, for example {@code workflow_run}
 * @since 0.1.0
 */
public record RunType(String value) {

	/** A workflow ("agent") run. */
	public static final RunType WORKFLOW_RUN = new RunType("workflow_run");

	/** A task run (engine 1.0). */
	public static final RunType TASK_V1 = new RunType("task_v1");

	/** A task run (engine 2.0). */
	public static final RunType TASK_V2 = new RunType("task_v2");

	/**
	 * Create a run type; {@link #of(String)} returns the constant for a workflow run.
	 * @param value the run type as Skyvern writes it, for example {@code workflow_run}
	 * @throws IllegalArgumentException if the value is blank
	 */
	public RunType {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Run type must not be blank");
		}
	}

	/**
	 * Return the run type for the given wire value.
	 * @param value the run type as Skyvern writes it
	 * @return the run type
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static RunType of(String value) {
		return WORKFLOW_RUN.value.equals(value) ? WORKFLOW_RUN : new RunType(value);
	}

	/**
	 * Return the run type as Skyvern writes it.
	 * @return the wire value
	 */
	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * Whether this is a workflow run (and not one of the task run kinds).
	 * @return {@code true} for {@code workflow_run}
	 */
	public boolean isWorkflowRun() {
		return WORKFLOW_RUN.equals(this);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
