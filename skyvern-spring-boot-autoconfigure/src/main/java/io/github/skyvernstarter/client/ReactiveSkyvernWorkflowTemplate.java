package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Non-blocking {@link ReactiveSkyvernWorkflowOperations} over a {@link SkyvernApiClient}: each
 * operation is the client's call, wrapped by the {@link SkyvernInstrumentation}; run requests pass
 * the {@link RunWorkflowRequestCustomizer}s first.
 * <p>
 * Waiting polls {@code GET /v1/runs/{runId}} on a Reactor timer, so a waiting run holds no thread;
 * with a {@link RunCompletionSource} (webhooks), a wait finishes as soon as the source reports the
 * run, and a run whose webhook the source expects is polled only at its slower fallback interval, to
 * guard against a lost notification.
 *
 * @since 0.1.0
 */
public final class ReactiveSkyvernWorkflowTemplate extends ReactiveSupportOperations {

	private static final String WEBHOOK_URL = "webhook_url";

	private final SkyvernApiClient client;

	private final List<RunWorkflowRequestCustomizer> requestCustomizers;

	private final SkyvernInstrumentation instrumentation;

	private final RunWaiter waiter;

	private final RunStartListeners startListeners;

	private final ExactlyOnceRunStarter runStarter;

	/**
	 * Create a template that polls only.
	 * @param client the API client
	 * @param waitSettings default wait timeout and poll interval
	 */
	public ReactiveSkyvernWorkflowTemplate(SkyvernApiClient client, WaitSettings waitSettings) {
		this(builder(client).waitSettings(waitSettings));
	}

	private ReactiveSkyvernWorkflowTemplate(Builder builder) {
		this(builder, new RunWaiter(builder.client, builder.waitSettings, builder.completionSource, builder.timer,
				builder.instrumentation),
				new RunStartLookup(builder.client, builder.runStartSettings.gracePeriod(), builder.timer),
				new RunStartListeners(builder.startListeners));
	}

	private ReactiveSkyvernWorkflowTemplate(Builder builder, RunWaiter waiter, RunStartLookup lookup,
			RunStartListeners startListeners) {
		super(builder.client, new ReactiveRunSupport(builder.client, builder.instrumentation, waiter),
				new TaskRunStarter(builder.client, waiter, builder.instrumentation, builder.taskWebhookUrl,
						startListeners, builder.runStartSettings, lookup));
		this.client = builder.client;
		this.requestCustomizers = List.copyOf(builder.requestCustomizers);
		this.instrumentation = builder.instrumentation;
		this.startListeners = startListeners;
		this.waiter = waiter;
		this.runStarter = new ExactlyOnceRunStarter(builder.client, builder.runStartSettings, lookup);
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
			Mono<SkyvernRun> started = this.startListeners
				.afterStart(this.instrumentation.run(toSend.workflowId(), this.runStarter.start(toSend, options)), toSend);
			if (!toSend.waitForCompletion()) {
				return started;
			}
			@Nullable String webhookUrl = webhookUrl(toSend, options);
			// Detached, so a long wait does not keep the finished POST exchange (request, headers,
			// connection state) reachable: about 15 KB per waiting run.
			return started.onTerminateDetach()
				.flatMap((run) -> this.waiter.afterStart(run, toSend.workflowId(), webhookUrl,
						toSend.waitTimeout(), options));
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
		return this.waiter.await(runId, timeout, options);
	}

	@Override
	public Mono<RetryWebhookResult> retryRunWebhook(String runId, @Nullable String webhookUrl,
			RequestOptions options) {
		return this.instrumentation.retryWebhook(runId, this.client.retryRunWebhook(runId, webhookUrl, options));
	}

	/**
	 * Defaults for waiting.
	 *
	 * @param waitTimeout the longest wait when a call names none
	 * @param pollInterval the time between status checks
	 * @since 0.1.0
	 */
	public record WaitSettings(Duration waitTimeout, Duration pollInterval) {

		/**
		 * Create wait defaults.
		 * @param waitTimeout the longest wait when a call names none
		 * @param pollInterval the time between status checks
		 * @throws IllegalArgumentException if either duration is not positive
		 */
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

		private List<SkyvernRunStartListener> startListeners = List.of();

		private RunStartSettings runStartSettings = RunStartSettings.defaults();

		private @Nullable String taskWebhookUrl;

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
		 * Set what is told of every run started, in order.
		 * @param startListeners the listeners
		 * @return this builder
		 */
		public Builder startListeners(List<SkyvernRunStartListener> startListeners) {
			this.startListeners = startListeners;
			return this;
		}

		/**
		 * Set how workflow and task run starts are made exactly-once, by default
		 * {@link RunStartSettings#defaults()}.
		 * @param runStartSettings the settings
		 * @return this builder
		 */
		public Builder runStartSettings(RunStartSettings runStartSettings) {
			this.runStartSettings = runStartSettings;
			return this;
		}

		/**
		 * Set the {@code webhook_url} of task runs started without one, for example the webhook
		 * receiver's URL.
		 * @param taskWebhookUrl the URL, or {@code null} for none
		 * @return this builder
		 */
		public Builder taskWebhookUrl(@Nullable String taskWebhookUrl) {
			this.taskWebhookUrl = taskWebhookUrl;
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
