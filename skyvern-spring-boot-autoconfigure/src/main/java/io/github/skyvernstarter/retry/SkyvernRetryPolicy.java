package io.github.skyvernstarter.retry;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Decides which failed calls are sent again, and when.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SkyvernRetryPolicy {

	/**
	 * Apply retries to one call.
	 * @param <T> the call's result type
	 * @param attempt one HTTP attempt; subscribing again sends the request again
	 * @param operation the API call
	 * @param runId the run concerned, if any
	 * @param maxRetries the most retries of this call: its {@code RequestOptions.maxRetries}, else the
	 * client's ({@code skyvern.retry.max-retries})
	 * @return the call with retries applied
	 */
	<T> Mono<T> apply(Mono<T> attempt, SkyvernOperation operation, @Nullable String runId, long maxRetries);

	/**
	 * Return a policy that never retries.
	 * @return the policy
	 */
	static SkyvernRetryPolicy none() {
		return new SkyvernRetryPolicy() {
			@Override
			public <T> Mono<T> apply(Mono<T> attempt, SkyvernOperation operation, @Nullable String runId,
					long maxRetries) {
				return attempt;
			}
		};
	}

}
