package io.github.skyvernstarter.error;

import java.time.Duration;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern rate-limited the call (429); nothing was created.
 *
 * @since 0.1.0
 */
public class SkyvernRateLimitException extends SkyvernApiException {

	/** The wait Skyvern asked for in {@code Retry-After}, if any. */
	private final @Nullable Duration retryAfter;

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 * @param retryAfter the wait Skyvern asked for in {@code Retry-After}, if any
	 */
	public SkyvernRateLimitException(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId, @Nullable Duration retryAfter) {
		super(operation, statusCode, detail, runId);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return the wait Skyvern asked for.
	 * @return the {@code Retry-After} delay, or {@code null} when Skyvern sent none (usual)
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
