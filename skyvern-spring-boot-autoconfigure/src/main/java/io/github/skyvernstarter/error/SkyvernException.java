package io.github.skyvernstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception this client throws.
 *
 * @since 0.1.0
 */
public class SkyvernException extends RuntimeException {

	/**
	 * What to do when a run start failed in a way that leaves the run's existence unknown.
	 */
	public static final String RUN_MAY_EXIST_HINT = "The run may or may not have been created, so it was not started "
			+ "again (a second start would be a second, billed run): list the workflow's runs (GET /v1/runs) or "
			+ "check the Skyvern dashboard before starting it again";

	/** The run this failure concerns, if known. */
	private final @Nullable String runId;

	/**
	 * Create a new exception.
	 * @param message the message
	 * @param runId the run concerned, if known
	 * @param cause the cause, if any
	 */
	public SkyvernException(String message, @Nullable String runId, @Nullable Throwable cause) {
		super(message, cause);
		this.runId = runId;
	}

	/**
	 * Whether this failure happened while starting a run after the request may have reached Skyvern,
	 * so a run may exist although no run id came back. Such failures are never retried.
	 * @return {@code true} if a run may have been created
	 */
	public boolean runMayHaveBeenCreated() {
		return false;
	}

	/**
	 * Return the run this failure concerns.
	 * @return the run id, or {@code null} when unknown (for example when a run could not be started)
	 */
	public @Nullable String getRunId() {
		return this.runId;
	}

}
