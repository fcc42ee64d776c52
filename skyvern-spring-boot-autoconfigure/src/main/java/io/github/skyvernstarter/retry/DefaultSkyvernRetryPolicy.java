package io.github.skyvernstarter.retry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import org.springframework.boot.retry.RetryPolicySettings;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

/**
 * {@link SkyvernRetryPolicy} built on Spring Framework's {@link RetryPolicy}: the policy's
 * {@code BackOff} gives the delays (exponential with jitter) and the number of retries, and
 * {@link SkyvernRetryDecision} decides which failures qualify. Applied with Reactor's
 * {@code retryWhen}, so no thread sleeps between attempts.
 * <p>
 * A {@code Retry-After} sent with a 429 (seconds or an HTTP date) replaces the computed delay, capped
 * at {@code maxRetryAfter}.
 */
public class DefaultSkyvernRetryPolicy implements SkyvernRetryPolicy {

	private final RetryPolicySettings settings;

	private final RetryPolicy defaultPolicy;

	private final Duration maxRetryAfter;

	private final Scheduler scheduler;

	private final SkyvernRetryListener listener;

	/**
	 * Create a policy.
	 * @param settings max retries, delay, multiplier, max delay and jitter; its exception predicate is
	 * replaced by {@link SkyvernRetryDecision#isRetryable(Throwable)}
	 * @param maxRetryAfter the longest {@code Retry-After} honoured
	 * @param scheduler the scheduler retry delays run on
	 * @param listener told of every retry
	 */
	public DefaultSkyvernRetryPolicy(RetryPolicySettings settings, Duration maxRetryAfter, Scheduler scheduler,
			SkyvernRetryListener listener) {
		this.settings = settings;
		this.settings.setExceptionPredicate(SkyvernRetryDecision::isRetryable);
		this.defaultPolicy = settings.createRetryPolicy();
		this.maxRetryAfter = maxRetryAfter;
		this.scheduler = scheduler;
		this.listener = listener;
	}

	@Override
	public <T> Mono<T> apply(Mono<T> attempt, SkyvernOperation operation, @Nullable String runId,
			RequestOptions options) {
		RetryPolicy policy = policyFor(options);
		return attempt.retryWhen(Retry.from((signals) -> {
			// One back-off execution per subscription: each call counts its own retries.
			BackOffExecution backOff = policy.getBackOff().start();
			AtomicInteger retries = new AtomicInteger();
			return signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				if (!policy.shouldRetry(failure)) {
					return Mono.error(failure);
				}
				long backOffMillis = backOff.nextBackOff();
				if (backOffMillis == BackOffExecution.STOP) {
					return Mono.error(failure);
				}
				Duration delay = delay(failure, Duration.ofMillis(backOffMillis));
				this.listener.onRetry(operation, failure, retries.incrementAndGet(), delay);
				return Mono.delay(delay, this.scheduler);
			});
		}));
	}

	/**
	 * Return the wait before the next attempt: Skyvern's {@code Retry-After} when it sent one (capped),
	 * otherwise the back-off delay.
	 * @param failure the failure being retried
	 * @param backOffDelay the delay the back-off computed
	 * @return the delay to wait
	 */
	Duration delay(Throwable failure, Duration backOffDelay) {
		if (failure instanceof SkyvernRateLimitException rateLimited && rateLimited.getRetryAfter() != null) {
			Duration retryAfter = rateLimited.getRetryAfter();
			return (retryAfter.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : retryAfter;
		}
		return backOffDelay;
	}

	private RetryPolicy policyFor(RequestOptions options) {
		Integer maxRetries = options.getMaxRetries();
		if (maxRetries == null || maxRetries.longValue() == this.settings.getMaxRetries()) {
			return this.defaultPolicy;
		}
		RetryPolicySettings override = new RetryPolicySettings();
		override.setExceptionPredicate(SkyvernRetryDecision::isRetryable);
		override.setMaxRetries(maxRetries.longValue());
		override.setDelay(this.settings.getDelay());
		override.setJitter(this.settings.getJitter());
		override.setMultiplier(this.settings.getMultiplier());
		override.setMaxDelay(this.settings.getMaxDelay());
		return override.createRetryPolicy();
	}

}
