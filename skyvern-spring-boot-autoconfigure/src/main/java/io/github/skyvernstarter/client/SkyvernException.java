package io.github.skyvernstarter.client;

import org.jspecify.annotations.Nullable;

/**
 * Base class of every exception this client throws.
 */
public class SkyvernException extends RuntimeException {

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
	 * Return the run this failure concerns.
	 * @return the run id, or {@code null} when unknown (for example when a run could not be started)
	 */
	public @Nullable String getRunId() {
		return this.runId;
	}

}
