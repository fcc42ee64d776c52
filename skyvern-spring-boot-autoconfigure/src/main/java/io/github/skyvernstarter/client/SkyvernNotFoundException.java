package io.github.skyvernstarter.client;

import org.jspecify.annotations.Nullable;

/**
 * Skyvern found no such run or workflow (404), or the API key's organization is gone.
 */
public class SkyvernNotFoundException extends SkyvernApiException {

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 */
	public SkyvernNotFoundException(SkyvernOperation operation, int statusCode, @Nullable String detail, @Nullable String runId) {
		super(operation, statusCode, detail, runId);
	}

}
