package io.github.skyvernstarter.retry;

import java.time.Duration;

import io.github.skyvernstarter.operation.SkyvernOperation;

/**
 * Told each time a failed call is about to be sent again, for metrics and logs.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SkyvernRetryListener {

	/**
	 * Called before a retry is scheduled.
	 * @param operation the API call being retried
	 * @param failure the failure that caused the retry
	 * @param retry the number of this retry, from 1
	 * @param delay the wait before the retry
	 */
	void onRetry(SkyvernOperation operation, Throwable failure, int retry, Duration delay);

}
