package io.github.skyvernstarter.retry;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Decides which failed calls are sent again, and when.
 */
@FunctionalInterface
public interface SkyvernRetryPolicy {

	/**
	 * Apply retries to one call.
	 * @param <T> the call's result type
	 * @param attempt one HTTP attempt; subscribing again sends the request again
	 * @param operation the API call
	 * @param runId the run concerned, if any
	 * @param options the call's options (which may set {@code maxRetries})
	 * @return the call with retries applied
	 */
	<T> Mono<T> apply(Mono<T> attempt, SkyvernOperation operation, @Nullable String runId, RequestOptions options);

	/**
	 * Return a policy that never retries.
	 * @return the policy
	 */
	static SkyvernRetryPolicy none() {
		return new SkyvernRetryPolicy() {
			@Override
			public <T> Mono<T> apply(Mono<T> attempt, SkyvernOperation operation, @Nullable String runId,
					RequestOptions options) {
				return attempt;
			}
		};
	}

}
