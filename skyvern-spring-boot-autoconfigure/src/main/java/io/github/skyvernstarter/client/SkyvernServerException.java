package io.github.skyvernstarter.client;

import org.jspecify.annotations.Nullable;

/**
 * Skyvern failed with a server error (5xx).
 */
public class SkyvernServerException extends SkyvernApiException {

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 */
	public SkyvernServerException(SkyvernOperation operation, int statusCode, @Nullable String detail, @Nullable String runId) {
		super(operation, statusCode, detail, runId);
	}

}
