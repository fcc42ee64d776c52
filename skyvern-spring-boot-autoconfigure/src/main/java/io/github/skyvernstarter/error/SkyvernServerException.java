package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern failed with a server error (5xx).
 * <p>
 * When starting a run, the run may or may not have been created: such a call is never retried, and
 * {@link #runMayHaveBeenCreated()} says so.
 *
 * @since 0.1.0
 */
public class SkyvernServerException extends SkyvernApiException {

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 */
	public SkyvernServerException(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId) {
		super(operation, statusCode, detail, runId,
				operation.createsRun() ? SkyvernException.RUN_MAY_EXIST_HINT : null);
	}

	@Override
	public boolean runMayHaveBeenCreated() {
		return getOperation().createsRun();
	}

}
