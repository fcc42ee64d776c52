package io.github.skyvernstarter.health;

import java.time.Duration;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * {@link ReactiveHealthIndicator} that checks Skyvern is reachable and accepts the API key, by reading
 * a run that does not exist: Skyvern checks the key first, so a 404 means up, a 403 means the key is
 * wrong. The result is reused for a time to live, so health probes call Skyvern at most once per
 * period however often they come.
 *
 * @since 0.1.0
 */
public final class SkyvernHealthIndicator implements ReactiveHealthIndicator {

	/** The run id read by the check; no run has it. */
	public static final String PROBE_RUN_ID = "wr_skyvern_starter_health_check";

	private final Mono<Health> health;

	/**
	 * Create an indicator.
	 * @param client the API client
	 * @param timeout time allowed for Skyvern to answer the check
	 * @param timeToLive how long a result is reused
	 */
	public SkyvernHealthIndicator(SkyvernApiClient client, Duration timeout, Duration timeToLive) {
		this(client, timeout, timeToLive, Schedulers.parallel());
	}

	/**
	 * Create an indicator with the scheduler whose clock expires cached results.
	 * @param client the API client
	 * @param timeout time allowed for Skyvern to answer the check
	 * @param timeToLive how long a result is reused
	 * @param clock the scheduler that expires results
	 */
	public SkyvernHealthIndicator(SkyvernApiClient client, Duration timeout, Duration timeToLive, Scheduler clock) {
		// One attempt: a retried check would hide a flaky connection and delay the probe.
		RequestOptions options = RequestOptions.builder().timeout(timeout).maxRetries(0).build();
		this.health = client.getRun(PROBE_RUN_ID, options)
			.map((run) -> Health.up().build())
			.onErrorResume((ex) -> Mono.just(health(ex)))
			.cache(timeToLive, clock);
	}

	@Override
	public Mono<Health> health() {
		return this.health;
	}

	static Health health(Throwable failure) {
		String reason = SkyvernFailureReason.of(failure);
		if (failure instanceof SkyvernNotFoundException) {
			return Health.up().build();
		}
		if (failure instanceof SkyvernAuthenticationException) {
			return Health.down()
				.withDetail("reason", reason)
				.withDetail("error", "Skyvern rejected the API key")
				.withDetail("hint", "Set skyvern.api-key (or SKYVERN_API_KEY) to a valid API key from Skyvern's "
						+ "settings page")
				.build();
		}
		if (failure instanceof SkyvernTransportException || failure instanceof SkyvernServerException) {
			return Health.down().withDetail("reason", reason).withDetail("error", failure.getMessage()).build();
		}
		if (failure instanceof SkyvernApiException) {
			// Reachable, but an answer the check does not expect (429 rate limit, 400, ...): not a
			// verdict on the application's health.
			return Health.unknown().withDetail("reason", reason).withDetail("error", failure.getMessage()).build();
		}
		return Health.down().withDetail("reason", reason).withDetail("error", String.valueOf(failure.getMessage()))
			.build();
	}

}
