package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern found no such run or workflow (404), or the API key's organization is gone; or nothing
 * answers at the called path, when {@code skyvern.base-url} is wrong (the message then says so).
 *
 * @since 0.1.0
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
		this(operation, statusCode, detail, runId, null);
	}

	/**
	 * Create a new exception with a hint in its message.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 * @param hint what the caller can check, or {@code null}
	 */
	public SkyvernNotFoundException(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId, @Nullable String hint) {
		super(operation, statusCode, detail, runId, hint);
	}

}
