package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern rejected the request as invalid (400).
 *
 * @since 0.1.0
 */
public class SkyvernBadRequestException extends SkyvernApiException {

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 */
	public SkyvernBadRequestException(SkyvernOperation operation, int statusCode, @Nullable String detail, @Nullable String runId) {
		super(operation, statusCode, detail, runId);
	}

}
