package io.github.skyvernstarter.retry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.retry.RetryPolicySettings;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.util.backoff.BackOffExecution;

/**
 * {@link SkyvernRetryPolicy} built on Spring Framework's {@link RetryPolicy}: the policy's
 * {@code BackOff} gives the delays (exponential with jitter), the call gives the number of retries,
 * and {@link SkyvernRetryDecision} decides which failures qualify. A retry waits on a Reactor
 * delay, so no thread sleeps between attempts.
 * <p>
 * A {@code Retry-After} sent with a 429 (seconds or an HTTP date) replaces the computed delay, capped
 * at {@code maxRetryAfter}.
 *
 * @since 0.1.0
 */
public final class DefaultSkyvernRetryPolicy implements SkyvernRetryPolicy {

	/** Retry counts whose policies are kept; calls rarely use more than two or three. */
	private static final int MAX_CACHED_POLICIES = 16;

	private final Duration initialDelay;

	private final double multiplier;

	private final Duration maxDelay;

	private final @Nullable Duration jitter;

	private final Duration maxRetryAfter;

	private final Scheduler scheduler;

	private final SkyvernRetryListener listener;

	private final Map<Long, RetryPolicy> policies = new ConcurrentHashMap<>();

	private DefaultSkyvernRetryPolicy(Builder builder) {
		this.initialDelay = builder.initialDelay;
		this.multiplier = builder.multiplier;
		this.maxDelay = builder.maxDelay;
		this.jitter = builder.jitter.isZero() ? null : builder.jitter;
		this.maxRetryAfter = builder.maxRetryAfter;
		this.scheduler = builder.scheduler;
		this.listener = builder.listener;
	}

	/**
	 * Start building a policy; every setting has the default of its {@code skyvern.retry.*} property.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public <T> Mono<T> apply(Mono<T> attempt, SkyvernOperation operation, @Nullable String runId, long maxRetries) {
		if (maxRetries <= 0) {
			return attempt;
		}
		RetryPolicy policy = policyFor(maxRetries);
		// A failure handler per attempt rather than retryWhen: retryWhen builds a companion sequence
		// for every call, and nearly every call succeeds at its first attempt.
		return Mono.defer(() -> retrying(attempt, new Attempts(policy), operation));
	}

	private <T> Mono<T> retrying(Mono<T> attempt, Attempts attempts, SkyvernOperation operation) {
		return attempt.onErrorResume((failure) -> {
			if (!attempts.policy.shouldRetry(failure)) {
				return Mono.error(failure);
			}
			long backOffMillis = attempts.backOff().nextBackOff();
			if (backOffMillis == BackOffExecution.STOP) {
				return Mono.error(failure);
			}
			Duration delay = delay(failure, Duration.ofMillis(backOffMillis));
			this.listener.onRetry(operation, failure, ++attempts.retries, delay);
			return Mono.delay(delay, this.scheduler).then(Mono.defer(() -> retrying(attempt, attempts, operation)));
		});
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

	/**
	 * One call's retries: its own back-off execution, started at its first failure.
	 */
	private static final class Attempts {

		private final RetryPolicy policy;

		private @Nullable BackOffExecution backOff;

		private int retries;

		Attempts(RetryPolicy policy) {
			this.policy = policy;
		}

		BackOffExecution backOff() {
			BackOffExecution execution = this.backOff;
			if (execution == null) {
				execution = this.policy.getBackOff().start();
				this.backOff = execution;
			}
			return execution;
		}

	}

	private RetryPolicy policyFor(long maxRetries) {
		RetryPolicy policy = this.policies.get(maxRetries);
		if (policy == null) {
			policy = createPolicy(maxRetries);
			if (this.policies.size() < MAX_CACHED_POLICIES) {
				this.policies.putIfAbsent(maxRetries, policy);
			}
		}
		return policy;
	}

	private RetryPolicy createPolicy(long maxRetries) {
		RetryPolicySettings settings = new RetryPolicySettings();
		settings.setExceptionPredicate(SkyvernRetryDecision::isRetryable);
		settings.setMaxRetries(maxRetries);
		settings.setDelay(this.initialDelay);
		settings.setMultiplier(this.multiplier);
		settings.setMaxDelay(this.maxDelay);
		settings.setJitter(this.jitter);
		return settings.createRetryPolicy();
	}

	/**
	 * Builder for {@link DefaultSkyvernRetryPolicy}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private Duration initialDelay = Duration.ofMillis(500);

		private double multiplier = 2.0;

		private Duration maxDelay = Duration.ofSeconds(8);

		private Duration jitter = Duration.ofMillis(100);

		private Duration maxRetryAfter = Duration.ofSeconds(30);

		private Scheduler scheduler = Schedulers.parallel();

		private SkyvernRetryListener listener = (operation, failure, retry, delay) -> {
		};

		private Builder() {
		}

		/**
		 * Set the delay before the first retry.
		 * @param initialDelay the delay
		 * @return this builder
		 */
		public Builder initialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
			return this;
		}

		/**
		 * Set the factor applied to the delay after each retry.
		 * @param multiplier the factor, at least 1
		 * @return this builder
		 */
		public Builder multiplier(double multiplier) {
			this.multiplier = multiplier;
			return this;
		}

		/**
		 * Set the longest delay between two attempts.
		 * @param maxDelay the delay
		 * @return this builder
		 */
		public Builder maxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
			return this;
		}

		/**
		 * Set the random variation added to or taken from each delay.
		 * @param jitter the variation, {@link Duration#ZERO} for none
		 * @return this builder
		 */
		public Builder jitter(Duration jitter) {
			this.jitter = jitter;
			return this;
		}

		/**
		 * Set the longest {@code Retry-After} honoured; a longer one is shortened to this.
		 * @param maxRetryAfter the cap
		 * @return this builder
		 */
		public Builder maxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
			return this;
		}

		/**
		 * Set the scheduler retry delays run on.
		 * @param scheduler the scheduler, by default {@link Schedulers#parallel()}
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = scheduler;
			return this;
		}

		/**
		 * Set the listener told of every retry.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(SkyvernRetryListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Build the policy.
		 * @return the policy
		 */
		public DefaultSkyvernRetryPolicy build() {
			return new DefaultSkyvernRetryPolicy(this);
		}

	}

}
