package io.github.skyvernstarter.client;

import org.jspecify.annotations.Nullable;

/**
 * Skyvern answered with a success status but a body this client could not read.
 */
public class SkyvernMalformedResponseException extends SkyvernException {

	private final SkyvernOperation operation;

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
