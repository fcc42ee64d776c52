package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern answered with a body this client could not read: not the JSON Skyvern documents, or too
 * large ({@link SkyvernResponseTooLargeException}).
 * <p>
 * When starting a run, a success status means Skyvern probably created the run although no run id
 * could be read: {@link #runMayHaveBeenCreated()} says so, and the call is never retried.
 *
 * @since 0.1.0
 */
public class SkyvernMalformedResponseException extends SkyvernException {

	/** The call whose answer could not be read. */
	private final SkyvernOperation operation;

	/** The HTTP status of the unreadable answer. */
	private final int statusCode;

	/**
	 * Create a new exception.
	 * @param operation the call whose answer could not be read
	 * @param statusCode the HTTP status of the answer
	 * @param message the message
	 * @param runId the run concerned, if known
	 * @param cause the parsing failure
	 */
	public SkyvernMalformedResponseException(SkyvernOperation operation, int statusCode, String message,
			@Nullable String runId, @Nullable Throwable cause) {
		super(message, runId, cause);
		this.operation = operation;
		this.statusCode = statusCode;
	}

	@Override
	public boolean runMayHaveBeenCreated() {
		return this.operation.createsRun() && this.statusCode >= 200 && this.statusCode < 300;
	}

	/**
	 * Return the call whose answer could not be read.
	 * @return the operation
	 */
	public SkyvernOperation getOperation() {
		return this.operation;
	}

	/**
	 * Return the HTTP status of the unreadable answer.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

}
