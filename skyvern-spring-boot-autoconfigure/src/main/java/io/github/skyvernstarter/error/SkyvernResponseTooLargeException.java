package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern's answer was larger than {@code skyvern.max-response-size} allows, so it was not read. Not
 * retried: the same answer would come again.
 *
 * @since 0.1.0
 */
public class SkyvernResponseTooLargeException extends SkyvernMalformedResponseException {

	/** The largest answer accepted, in bytes. */
	private final long maxResponseSize;

	/**
	 * Create a new exception.
	 * @param operation the call whose answer was too large
	 * @param statusCode the HTTP status of the answer
	 * @param message the message
	 * @param runId the run concerned, if known
	 * @param maxResponseSize the limit in bytes
	 */
	public SkyvernResponseTooLargeException(SkyvernOperation operation, int statusCode, String message,
			@Nullable String runId, long maxResponseSize) {
		super(operation, statusCode, message, runId, null);
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * Return the limit the answer exceeded.
	 * @return the largest answer accepted, in bytes
	 */
	public long getMaxResponseSize() {
		return this.maxResponseSize;
	}

}
