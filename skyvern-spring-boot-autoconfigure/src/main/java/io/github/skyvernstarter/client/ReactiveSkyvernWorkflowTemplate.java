package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Non-blocking {@link ReactiveSkyvernWorkflowOperations} over a {@link SkyvernApiClient}.
 * <p>
 * Waiting polls {@code GET /v1/runs/{runId}} on a Reactor timer, so a waiting run holds no thread;
 * with a {@link RunCompletionSource} (webhooks), a wait finishes as soon as the source reports the
 * run, and a run whose webhook the source expects is polled only at its slower fallback interval, to
 * guard against a lost notification.
 *
 * @since 0.1.0
 */
public final class ReactiveSkyvernWorkflowTemplate implements ReactiveSkyvernWorkflowOperations {

	private static final String WEBHOOK_URL = "webhook_url";

	private final SkyvernApiClient client;

	private final WaitSettings waitSettings;

	private final @Nullable RunCompletionSource completionSource;

	private final List<RunWorkflowRequestCustomizer> requestCustomizers;

	private final Scheduler timer;

	private final SkyvernInstrumentation instrumentation;

	/**
	 * Create a template that polls only.
	 * @param client the API client
	 * @param waitSettings default wait timeout and poll interval
	 */
	public ReactiveSkyvernWorkflowTemplate(SkyvernApiClient client, WaitSettings waitSettings) {
		this(builder(client).waitSettings(waitSettings));
	}

	private ReactiveSkyvernWorkflowTemplate(Builder builder) {
		this.client = builder.client;
		this.waitSettings = builder.waitSettings;
		this.completionSource = builder.completionSource;
		this.requestCustomizers = List.copyOf(builder.requestCustomizers);
		this.timer = builder.timer;
		this.instrumentation = builder.instrumentation;
	}

	/**
	 * Start building a template over the given client.
	 * @param client the API client
	 * @return a new builder
	 */
	public static Builder builder(SkyvernApiClient client) {
		return new Builder(client);
	}

	@Override
	public Mono<SkyvernRun> runWorkflow(RunWorkflowRequest request, RequestOptions options) {
		return Mono.defer(() -> {
			RunWorkflowRequest toSend = customize(request);
			Mono<SkyvernRun> started = this.instrumentation.run(toSend.workflowId(),
					this.client.runWorkflow(toSend, options));
			if (!toSend.waitForCompletion()) {
				return started;
			}
			Duration timeout = (toSend.waitTimeout() != null) ? toSend.waitTimeout()
					: this.waitSettings.waitTimeout();
			Duration interval = pollInterval(webhookUrl(toSend, options));
			// The answer to the POST is the first status: the first poll comes one interval later.
			// Detached, so a long wait does not keep the finished POST exchange (request, headers,
			// connection state) reachable: about 15 KB per waiting run.
			return started.onTerminateDetach()
				.flatMap((run) -> awaitFinal(run.runId(), toSend.workflowId(), run, interval, timeout, options));
		});
	}

	/**
	 * Return the {@code webhook_url} the run start sends: the customized request's, unless the call's
	 * options put another one in the body.
	 */
	private static @Nullable String webhookUrl(RunWorkflowRequest request, RequestOptions options) {
		Map<String, @Nullable Object> body = RunWorkflowMapping.toCall(request).bodyWith(options.getBodyParameters());
		return (body != null && body.get(WEBHOOK_URL) instanceof String url) ? url : null;
	}

	private RunWorkflowRequest customize(RunWorkflowRequest request) {
		RunWorkflowRequest result = request;
		for (RunWorkflowRequestCustomizer customizer : this.requestCustomizers) {
			result = customizer.customize(result);
		}
		return result;
	}

	@Override
	public Mono<SkyvernRun> getRun(String runId, RequestOptions options) {
		return this.instrumentation.get(runId, this.client.getRun(runId, options));
	}

	@Override
	public Mono<Void> cancelRun(String runId, RequestOptions options) {
		return this.instrumentation.cancel(runId, this.client.cancelRun(runId, options));
	}

	@Override
	public Mono<SkyvernRun> waitForCompletion(String runId, @Nullable Duration timeout, RequestOptions options) {
		// The interval follows from the run's webhook_url, which the first poll's answer echoes.
		return awaitFinal(runId, null, null, null, (timeout != null) ? timeout : this.waitSettings.waitTimeout(),
				options);
	}

	@Override
	public Mono<RetryWebhookResult> retryRunWebhook(String runId, @Nullable String webhookUrl,
			RequestOptions options) {
		return this.instrumentation.retryWebhook(runId, this.client.retryRunWebhook(runId, webhookUrl, options));
	}

	/**
	 * Wait for a run's final status; a known run (the answer to the POST) counts as the first status
	 * seen, so the first poll comes one interval later. Without a known interval, the first poll comes
	 * at once and its answer decides the interval.
	 */
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

	private static @Nullable String echoedWebhookUrl(SkyvernRun run) {
		JsonNode runRequest = run.runRequest();
		JsonNode webhookUrl = (runRequest != null) ? runRequest.get(WEBHOOK_URL) : null;
		return (webhookUrl != null && webhookUrl.isString()) ? webhookUrl.asString() : null;
	}

	private Duration intervalOrDefault(@Nullable Duration interval) {
		// Set by the first poll's answer before any delay is asked for.
		return (interval != null) ? interval : this.waitSettings.pollInterval();
	}

	/**
	 * Defaults for waiting.
	 *
	 * @param waitTimeout the longest wait when a call names none
	 * @param pollInterval the time between status checks
	 * @since 0.1.0
	 */
	public record WaitSettings(Duration waitTimeout, Duration pollInterval) {

		public WaitSettings {
			if (waitTimeout.isNegative() || waitTimeout.isZero()) {
				throw new IllegalArgumentException("Wait timeout must be positive");
			}
			if (pollInterval.isNegative() || pollInterval.isZero()) {
				throw new IllegalArgumentException("Poll interval must be positive");
			}
		}

	}

	/**
	 * Builder for {@link ReactiveSkyvernWorkflowTemplate}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final SkyvernApiClient client;

		private WaitSettings waitSettings = new WaitSettings(Duration.ofMinutes(30), Duration.ofSeconds(10));

		private @Nullable RunCompletionSource completionSource;

		private List<RunWorkflowRequestCustomizer> requestCustomizers = List.of();

		private Scheduler timer = Schedulers.parallel();

		private SkyvernInstrumentation instrumentation = SkyvernInstrumentation.none();

		private Builder(SkyvernApiClient client) {
			this.client = client;
		}

		/**
		 * Set the default wait timeout and the poll interval, by default 30 minutes and 10 seconds.
		 * @param waitSettings the settings
		 * @return this builder
		 */
		public Builder waitSettings(WaitSettings waitSettings) {
			this.waitSettings = waitSettings;
			return this;
		}

		/**
		 * Set what reports finished runs without polling, for example webhooks.
		 * @param completionSource the source, or {@code null} to poll only
		 * @return this builder
		 */
		public Builder completionSource(@Nullable RunCompletionSource completionSource) {
			this.completionSource = completionSource;
			return this;
		}

		/**
		 * Set what adjusts every run request before it is sent, in order.
		 * @param requestCustomizers the customizers
		 * @return this builder
		 */
		public Builder requestCustomizers(List<RunWorkflowRequestCustomizer> requestCustomizers) {
			this.requestCustomizers = requestCustomizers;
			return this;
		}

		/**
		 * Set the scheduler for poll delays and wait timeouts.
		 * @param timer the scheduler, by default {@link Schedulers#parallel()}
		 * @return this builder
		 */
		public Builder timer(Scheduler timer) {
			this.timer = timer;
			return this;
		}

		/**
		 * Set what wraps each operation for observations, metrics and logs.
		 * @param instrumentation the instrumentation
		 * @return this builder
		 */
		public Builder instrumentation(SkyvernInstrumentation instrumentation) {
			this.instrumentation = instrumentation;
			return this;
		}

		/**
		 * Build the template.
		 * @return the template
		 */
		public ReactiveSkyvernWorkflowTemplate build() {
			return new ReactiveSkyvernWorkflowTemplate(this);
		}

	}

}
