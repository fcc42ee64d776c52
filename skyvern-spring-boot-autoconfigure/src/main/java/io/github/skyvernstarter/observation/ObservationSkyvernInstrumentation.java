package io.github.skyvernstarter.observation;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.github.skyvernstarter.client.SkyvernInstrumentation;
import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.observation.SkyvernOperationContext.Operation;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * {@link SkyvernInstrumentation} that makes each operation a {@code skyvern.operation}
 * {@link Observation}, tells {@link SkyvernMetrics} of run starts, finishes and waits, and logs one
 * INFO line per run start and per run finish.
 * <p>
 * The observation is put in the Reactor context under {@link ObservationThreadLocalAccessor#KEY}, so
 * the WebClient's {@code http.client.requests} observation of each attempt becomes its child. Log
 * lines hold ids, statuses and durations only: never the API key, parameters or outputs.
 *
 * @since 0.1.0
 */
public final class ObservationSkyvernInstrumentation implements SkyvernInstrumentation {

	private static final Log logger = LogFactory.getLog(ObservationSkyvernInstrumentation.class);

	private static final String UNKNOWN_WORKFLOW = DefaultSkyvernOperationObservationConvention.UNKNOWN;

	private static final BiConsumer<SkyvernOperationContext, Throwable> NO_ERROR_HANDLING = (context, ex) -> {
	};

	private final ObservationRegistry registry;

	private final DefaultSkyvernOperationObservationConvention defaultConvention;

	private final @Nullable SkyvernOperationObservationConvention customConvention;

	private final SkyvernMetrics metrics;

	/**
	 * Create an instrumentation that logs and observes with the default convention, without
	 * metrics.
	 * @param registry the registry observations go to, {@link ObservationRegistry#NOOP} for none
	 */
	public ObservationSkyvernInstrumentation(ObservationRegistry registry) {
		this(registry, new DefaultSkyvernOperationObservationConvention(), null, SkyvernMetrics.none());
	}

	/**
	 * Create an instrumentation.
	 * @param registry the registry observations go to, {@link ObservationRegistry#NOOP} for none
	 * @param defaultConvention names the observation and its keys unless a custom convention is given
	 * @param customConvention replaces the default convention, or {@code null}
	 * @param metrics told of run starts, finishes and waits
	 */
	public ObservationSkyvernInstrumentation(ObservationRegistry registry,
			DefaultSkyvernOperationObservationConvention defaultConvention,
			@Nullable SkyvernOperationObservationConvention customConvention, SkyvernMetrics metrics) {
		this.registry = registry;
		this.defaultConvention = defaultConvention;
		this.customConvention = customConvention;
		this.metrics = metrics;
	}

	@Override
	public Mono<SkyvernRun> run(String workflowId, Mono<SkyvernRun> start) {
		return observe(new SkyvernOperationContext(Operation.RUN, null, workflowId), start, (context, run) -> {
			seen(context, run);
			this.metrics.runStarted(workflowId, run);
			if (logger.isInfoEnabled()) {
				logger.info("Started Skyvern run " + run.runId() + " of workflow " + workflowId + " (status "
						+ run.status() + ")");
			}
		}, NO_ERROR_HANDLING);
	}

	@Override
	public Mono<SkyvernRun> get(String runId, Mono<SkyvernRun> get) {
		return observe(new SkyvernOperationContext(Operation.GET, runId, null), get, this::seen, NO_ERROR_HANDLING);
	}

	@Override
	public Mono<Void> cancel(String runId, Mono<Void> cancel) {
		return observe(new SkyvernOperationContext(Operation.CANCEL, runId, null), cancel, (context, result) -> {
		}, NO_ERROR_HANDLING);
	}

	@Override
	public Mono<SkyvernRun> await(String runId, @Nullable String workflowId, Mono<SkyvernRun> wait) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			this.metrics.waitStarted();
			SkyvernOperationContext operation = new SkyvernOperationContext(Operation.WAIT, runId, workflowId);
			Mono<SkyvernRun> observed = observe(operation, wait, (context, run) -> finished(context, run, start),
					(context, ex) -> {
						if (ex instanceof SkyvernWaitTimeoutException timeout) {
							timedOut(context, timeout);
						}
					});
			// Not doFinally: that runs after the caller got the result, and a caller reading the gauge
			// then would still see this wait.
			AtomicBoolean ended = new AtomicBoolean();
			Runnable waitEnded = () -> {
				if (ended.compareAndSet(false, true)) {
					this.metrics.waitEnded();
				}
			};
			return observed.doOnSuccess((run) -> waitEnded.run())
				.doOnError((ex) -> waitEnded.run())
				.doOnCancel(waitEnded);
		});
	}

	@Override
	public Mono<RetryWebhookResult> retryWebhook(String runId, Mono<RetryWebhookResult> retry) {
		return observe(new SkyvernOperationContext(Operation.RETRY_WEBHOOK, runId, null), retry,
				(context, result) -> {
				}, NO_ERROR_HANDLING);
	}

	@Override
	public <T> Mono<T> operation(SkyvernOperation operation, @Nullable String runId, Mono<T> call) {
		return observe(new SkyvernOperationContext(Operation.of(operation), runId, null), call, (context, result) -> {
			if (result instanceof SkyvernRun run) {
				seen(context, run);
			}
		}, NO_ERROR_HANDLING);
	}

	private void seen(SkyvernOperationContext context, SkyvernRun run) {
		context.setRunId(run.runId());
		context.setRunStatus(run.status());
		if (context.getWorkflowId() == null) {
			context.setWorkflowId(run.workflowId());
		}
	}

	private void finished(SkyvernOperationContext context, SkyvernRun run, long waitStart) {
		seen(context, run);
		Duration runDuration = runDuration(run);
		this.metrics.runFinished(context.getWorkflowId(), run, runDuration);
		logger.info("Skyvern run " + run.runId() + " of workflow " + workflowName(context) + " finished with status "
				+ run.status() + " (run duration " + ((runDuration != null) ? runDuration : "unknown") + ", waited "
				+ Duration.ofMillis(Duration.ofNanos(System.nanoTime() - waitStart).toMillis()) + ")");
	}

	private void timedOut(SkyvernOperationContext context, SkyvernWaitTimeoutException ex) {
		context.setRunStatus(ex.getLastStatus());
		logger.info("Stopped waiting for Skyvern run " + ex.getRunId() + " of workflow " + workflowName(context)
				+ " after " + ex.getTimeout() + " (last status " + ((ex.getLastStatus() != null) ? ex.getLastStatus()
						: "none") + "); the run goes on in Skyvern");
	}

	private static String workflowName(SkyvernOperationContext context) {
		return Objects.requireNonNullElse(context.getWorkflowId(), UNKNOWN_WORKFLOW);
	}

	/**
	 * Return the run's duration by its own timestamps, from creation to finish.
	 * @param run the run
	 * @return the duration, or {@code null} when a timestamp is missing or they are out of order
	 */
	static @Nullable Duration runDuration(SkyvernRun run) {
		if (run.createdAt() == null || run.finishedAt() == null || run.finishedAt().isBefore(run.createdAt())) {
			return null;
		}
		return Duration.between(run.createdAt(), run.finishedAt());
	}

	private <T> Mono<T> observe(SkyvernOperationContext context, Mono<T> operation,
			BiConsumer<SkyvernOperationContext, T> onResult, BiConsumer<SkyvernOperationContext, Throwable> onError) {
		// Stopped on the first signal, before a value reaches the subscriber: a wait that follows a run
		// start is then a sibling of the start, not its child.
		return new ObservedOperation<>(operation, () -> SkyvernObservationDocumentation.OPERATION
			.observation(this.customConvention, this.defaultConvention, () -> context, this.registry), context, onResult,
				(failed, ex) -> {
					onError.accept(failed, ex);
					if (logger.isDebugEnabled()) {
						logger.debug("Skyvern " + failed.getOperation().operationName()
								+ ((failed.getRunId() != null) ? " of run " + failed.getRunId() : "") + " failed ("
								+ SkyvernFailureReason.of(ex) + ")");
					}
				});
	}

}
