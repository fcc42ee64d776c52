package io.github.skyvernstarter.fake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Builds a {@link FakeSkyvern}.
 *
 * @since 0.1.0
 */
public final class FakeSkyvernBuilder {

	Clock clock = Clock.systemUTC();

	@Nullable String apiKey;

	@Nullable Duration stepInterval;

	boolean webhooksOnFinish;

	boolean recording = true;

	@Nullable Scheduler scheduler;

	Supplier<@Nullable URI> defaultWebhookTarget = () -> null;

	FakeSkyvernBuilder() {
	}

	/**
	 * Set the clock for run timestamps, run ids and {@code x-skyvern-timestamp}.
	 * @param clock the clock
	 * @return this builder
	 */
	public FakeSkyvernBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * Accept only the given API key (403 for any other), rather than any key that is not blank.
	 * @param apiKey the one accepted key
	 * @return this builder
	 */
	public FakeSkyvernBuilder apiKey(String apiKey) {
		this.apiKey = apiKey;
		return this;
	}

	/**
	 * Move every run one step on at the given interval from its start, as a real server does, rather
	 * than one step per status poll.
	 * @param interval the time between two steps
	 * @return this builder
	 */
	public FakeSkyvernBuilder stepEvery(Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("The step interval must be positive, not " + interval);
		}
		this.stepInterval = interval;
		return this;
	}

	/**
	 * Send a run's webhook by itself, with Skyvern's retries, when the run finishes and whenever it
	 * is canceled, rather than only when asked ({@link FakeSkyvern#deliverRunFinished} or
	 * {@code retry_webhook}).
	 * @return this builder
	 */
	public FakeSkyvernBuilder sendWebhooksWhenRunsFinish() {
		this.webhooksOnFinish = true;
		return this;
	}

	/**
	 * Keep no run requests and cancels for assertions, so that a long-running fake does not grow.
	 * @return this builder
	 */
	public FakeSkyvernBuilder withoutRecording() {
		this.recording = false;
		return this;
	}

	/**
	 * Set the scheduler for timed steps and webhook retries, for example a virtual-time one in tests;
	 * by default the fake starts a daemon thread of its own when it needs one.
	 * @param scheduler the scheduler
	 * @return this builder
	 */
	public FakeSkyvernBuilder scheduler(Scheduler scheduler) {
		this.scheduler = scheduler;
		return this;
	}

	/**
	 * Set where run-finished webhooks go when a run has no loopback {@code webhook_url}.
	 * @param target supplies the receiver's URL, or {@code null} while it is not known
	 * @return this builder
	 */
	public FakeSkyvernBuilder defaultWebhookTarget(Supplier<@Nullable URI> target) {
		this.defaultWebhookTarget = target;
		return this;
	}

	/**
	 * Build the fake.
	 * @return the fake
	 */
	public FakeSkyvern build() {
		return new FakeSkyvern(this);
	}

}
