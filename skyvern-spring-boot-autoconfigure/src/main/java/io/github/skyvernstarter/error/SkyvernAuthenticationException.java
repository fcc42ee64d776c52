package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern rejected the API key (403): it is missing, wrong or expired.
 *
 * @since 0.1.0
 */
public class SkyvernAuthenticationException extends SkyvernApiException {

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 */
	public SkyvernAuthenticationException(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId) {
		super(operation, statusCode, detail, runId,
				"Check skyvern.api-key (or the SKYVERN_API_KEY environment variable): Skyvern did not accept it");
	}

}
