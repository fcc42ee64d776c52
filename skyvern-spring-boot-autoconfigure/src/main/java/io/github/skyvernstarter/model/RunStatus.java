package io.github.skyvernstarter.model;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Status of a Skyvern run; unknown values sent by newer servers are kept as they are.
 *
 * @param value the status as Skyvern writes it, for example {@code completed}
 * @since 0.1.0
 */
public record RunStatus(String value) {

	/** The run was accepted. */
	public static final RunStatus CREATED = new RunStatus("created");

	/** The run waits for a browser. */
	public static final RunStatus QUEUED = new RunStatus("queued");

	/** The run is executing. */
	public static final RunStatus RUNNING = new RunStatus("running");

	/** The run waits for a human; not final. */
	public static final RunStatus PAUSED = new RunStatus("paused");

	/** The run finished successfully. */
	public static final RunStatus COMPLETED = new RunStatus("completed");

	/** The run failed. */
	public static final RunStatus FAILED = new RunStatus("failed");

	/** The run was terminated by Skyvern's agent. */
	public static final RunStatus TERMINATED = new RunStatus("terminated");

	/** The run was canceled. */
	public static final RunStatus CANCELED = new RunStatus("canceled");

	/** The run hit its own time limit on the server. */
	public static final RunStatus TIMED_OUT = new RunStatus("timed_out");

	private static final Set<RunStatus> FINAL = Set.of(COMPLETED, FAILED, TERMINATED, CANCELED, TIMED_OUT);

	private static final Map<String, RunStatus> KNOWN = Map.of("created", CREATED, "queued", QUEUED, "running",
			RUNNING, "paused", PAUSED, "completed", COMPLETED, "failed", FAILED, "terminated", TERMINATED, "canceled",
			CANCELED, "timed_out", TIMED_OUT);

	/**
	 * Create a status; {@link #of(String)} returns the constants for known values.
	 * @param value the status as Skyvern writes it, for example {@code completed}
	 * @throws IllegalArgumentException if the value is blank
	 */
	public RunStatus {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Run status must not be blank");
		}
	}

	/**
	 * Return the status for the given wire value, a known constant where there is one.
	 * @param value the status as Skyvern writes it
	 * @return the status
	 */
	@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
	public static RunStatus of(String value) {
		RunStatus known = KNOWN.get(value.toLowerCase(Locale.ROOT));
		return (known != null) ? known : new RunStatus(value);
	}

	/**
	 * Return the status as Skyvern writes it.
	 * @return the wire value
	 */
	@Override
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * Whether the run has stopped for good: completed, failed, terminated, canceled or timed out.
	 * @return {@code true} for a final status
	 */
	public boolean isFinal() {
		return FINAL.contains(this);
	}

	/**
	 * Whether this status is one this library knows (rather than one added by a newer server).
	 * @return {@code true} for a known status
	 */
	public boolean isKnown() {
		return KNOWN.containsKey(this.value);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
