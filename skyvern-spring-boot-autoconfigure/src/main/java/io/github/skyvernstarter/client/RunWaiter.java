package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate.WaitSettings;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * Waits for a run's final status: polls {@code GET /v1/runs/{runId}} on a Reactor timer, so a waiting
 * run holds no thread, and with a {@link RunCompletionSource} finishes as soon as the source reports
 * the run; a run whose webhook the source expects is polled only at its slower fallback interval, to
 * guard against a lost notification.
 */
final class RunWaiter {

	private static final String WEBHOOK_URL = "webhook_url";

	private final SkyvernApiClient client;

	private final WaitSettings waitSettings;

	private final @Nullable RunCompletionSource completionSource;

	private final Scheduler timer;

	private final SkyvernInstrumentation instrumentation;

	RunWaiter(SkyvernApiClient client, WaitSettings waitSettings, @Nullable RunCompletionSource completionSource,
			Scheduler timer, SkyvernInstrumentation instrumentation) {
		this.client = client;
		this.waitSettings = waitSettings;
		this.completionSource = completionSource;
		this.timer = timer;
		this.instrumentation = instrumentation;
	}

	/**
	 * Wait for a run just started: the answer to the start is its first status, so the first poll
	 * comes one interval later, at the interval its {@code webhook_url} calls for.
	 * @param started the answer to the start
	 * @param workflowId the run's workflow, if known
	 * @param webhookUrl the {@code webhook_url} the start sent, if any
	 * @param timeout the longest wait, or {@code null} for the default
	 * @param options options for each poll
	 * @return the finished run
	 */
	Mono<SkyvernRun> afterStart(SkyvernRun started, @Nullable String workflowId, @Nullable String webhookUrl,
			@Nullable Duration timeout, RequestOptions options) {
		return awaitFinal(started.runId(), workflowId, started, pollInterval(webhookUrl), orDefault(timeout),
				options);
	}

	/**
	 * Wait for a run known by its id only: the first poll comes at once, and the {@code webhook_url}
	 * its answer echoes decides the interval of the rest.
	 * @param runId the run
	 * @param timeout the longest wait, or {@code null} for the default
	 * @param options options for each poll
	 * @return the finished run
	 */
	Mono<SkyvernRun> await(String runId, @Nullable Duration timeout, RequestOptions options) {
		return awaitFinal(runId, null, null, null, orDefault(timeout), options);
	}

	private Duration orDefault(@Nullable Duration timeout) {
		return (timeout != null) ? timeout : this.waitSettings.waitTimeout();
	}

	private Mono<SkyvernRun> awaitFinal(String runId, @Nullable String workflowId, @Nullable SkyvernRun known,
			@Nullable Duration knownInterval, Duration timeout, RequestOptions options) {
		if (timeout.isNegative() || timeout.isZero()) {
			return Mono.error(new IllegalArgumentException("Wait timeout must be positive"));
		}
		if (known != null && known.isFinal()) {
			return this.instrumentation.await(runId, workflowId, Mono.just(known));
		}
		return this.instrumentation.await(runId, workflowId, Mono.defer(() -> {
			AtomicReference<@Nullable RunStatus> lastStatus = new AtomicReference<>(
					(known != null) ? known.status() : null);
			AtomicReference<@Nullable Duration> interval = new AtomicReference<>(knownInterval);
			Mono<SkyvernRun> poll = this.client.getRun(runId, options).doOnNext((run) -> {
				lastStatus.set(run.status());
				if (interval.get() == null) {
					interval.set(pollInterval(echoedWebhookUrl(run)));
				}
			}).filter(SkyvernRun::isFinal);
			Mono<SkyvernRun> repeatedPoll = poll.repeatWhenEmpty((emptyPolls) -> emptyPolls
				.concatMap((empty) -> Mono.delay(intervalOrDefault(interval.get()), this.timer)));
			// The first delay stays outside the repeat: inside it, every repeat would wait twice.
			Mono<SkyvernRun> polling = (known != null)
					? Mono.delay(intervalOrDefault(interval.get()), this.timer).then(repeatedPoll) : repeatedPoll;
			Mono<SkyvernRun> finished = (this.completionSource != null)
					? Mono.firstWithSignal(this.completionSource.awaitFinished(runId), polling) : polling;
			return finished.timeout(timeout, Mono.error(() -> new SkyvernWaitTimeoutException(runId,
					lastStatus.get(), timeout)), this.timer);
		}));
	}

	/**
	 * Return the poll interval for a run with the given {@code webhook_url}: the completion source's
	 * slower fallback only when it expects that run's notification, else {@code skyvern.poll-interval}.
	 */
	private Duration pollInterval(@Nullable String webhookUrl) {
		Duration fallback = (this.completionSource != null)
				? this.completionSource.fallbackPollInterval(webhookUrl) : null;
		return (fallback != null) ? fallback : this.waitSettings.pollInterval();
	}

	static @Nullable String echoedWebhookUrl(SkyvernRun run) {
		JsonNode runRequest = run.runRequest();
		JsonNode webhookUrl = (runRequest != null) ? runRequest.get(WEBHOOK_URL) : null;
		return (webhookUrl != null && webhookUrl.isString()) ? webhookUrl.asString() : null;
	}

	private Duration intervalOrDefault(@Nullable Duration interval) {
		// Set by the first poll's answer before any delay is asked for.
		return (interval != null) ? interval : this.waitSettings.pollInterval();
	}

}
