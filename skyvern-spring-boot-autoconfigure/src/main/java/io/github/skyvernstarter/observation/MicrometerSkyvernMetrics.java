package io.github.skyvernstarter.observation;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.observation.SkyvernObservationDocumentation.OperationLowCardinalityKeyNames;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.github.skyvernstarter.retry.SkyvernRetryListener;
import io.github.skyvernstarter.webhook.SkyvernWebhookDeliveryListener;
import io.github.skyvernstarter.webhook.SkyvernWebhookOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * {@link SkyvernMetrics}, {@link SkyvernRetryListener} and {@link SkyvernWebhookDeliveryListener} that
 * record in a Micrometer {@link MeterRegistry}: {@code skyvern.runs.started},
 * {@code skyvern.runs.finished}, {@code skyvern.runs.duration}, {@code skyvern.runs.waiting},
 * {@code skyvern.retries} and {@code skyvern.webhook.deliveries}.
 *
 * @since 0.1.0
 */
public final class MicrometerSkyvernMetrics implements SkyvernMetrics, SkyvernRetryListener, SkyvernWebhookDeliveryListener {

	/** Counter of runs Skyvern created. */
	public static final String RUNS_STARTED = "skyvern.runs.started";

	/** Counter of final statuses seen by waits. */
	public static final String RUNS_FINISHED = "skyvern.runs.finished";

	/** Timer of runs from creation to finish, by their own timestamps. */
	public static final String RUNS_DURATION = "skyvern.runs.duration";

	/** Gauge of waits in progress. */
	public static final String RUNS_WAITING = "skyvern.runs.waiting";

	/** Counter of retried calls. */
	public static final String RETRIES = "skyvern.retries";

	/** Timer of webhook deliveries from receipt to answer, by outcome. */
	public static final String WEBHOOK_DELIVERIES = "skyvern.webhook.deliveries";

	private static final String WORKFLOW_ID = OperationLowCardinalityKeyNames.WORKFLOW_ID.asString();

	private static final String RUN_STATUS = OperationLowCardinalityKeyNames.RUN_STATUS.asString();

	private static final String OPERATION = OperationLowCardinalityKeyNames.OPERATION.asString();

	private static final String REASON = OperationLowCardinalityKeyNames.REASON.asString();

	private static final String UNKNOWN = DefaultSkyvernOperationObservationConvention.UNKNOWN;

	private final MeterRegistry registry;

	private final boolean workflowIdTag;

	private final AtomicInteger waiting = new AtomicInteger();

	// One timer per outcome, looked up once: a webhook receiver may answer thousands of deliveries a second.
	private final Map<SkyvernWebhookOutcome, Timer> deliveries = new ConcurrentHashMap<>();

	/**
	 * Create metrics and register the waiting gauge.
	 * @param registry the registry to record in
	 * @param workflowIdTag whether to tag run meters with the workflow id
	 */
	public MicrometerSkyvernMetrics(MeterRegistry registry, boolean workflowIdTag) {
		this.registry = registry;
		this.workflowIdTag = workflowIdTag;
		Gauge.builder(RUNS_WAITING, this.waiting, AtomicInteger::get)
			.description("Waits for a Skyvern run's final status in progress")
			.register(registry);
	}

	@Override
	public void runStarted(String workflowId, SkyvernRun run) {
		Counter.builder(RUNS_STARTED)
			.description("Skyvern runs created")
			.tags(workflowTags(workflowId))
			.register(this.registry)
			.increment();
	}

	@Override
	public void runFinished(@Nullable String workflowId, SkyvernRun run, @Nullable Duration runDuration) {
		Tags tags = workflowTags(workflowId).and(RUN_STATUS, run.status().value());
		Counter.builder(RUNS_FINISHED)
			.description("Final statuses of Skyvern runs seen by waits")
			.tags(tags)
			.register(this.registry)
			.increment();
		if (runDuration != null) {
			Timer.builder(RUNS_DURATION)
				.description("Time from a Skyvern run's creation to its finish, by the run's own timestamps")
				.tags(tags)
				.register(this.registry)
				.record(runDuration);
		}
	}

	@Override
	public void waitStarted() {
		this.waiting.incrementAndGet();
	}

	@Override
	public void waitEnded() {
		this.waiting.decrementAndGet();
	}

	@Override
	public void onRetry(SkyvernOperation operation, Throwable failure, int retry, Duration delay) {
		Counter.builder(RETRIES)
			.description("Skyvern calls sent again after a failure")
			.tags(OPERATION, operation.operationName(), REASON, SkyvernFailureReason.of(failure))
			.register(this.registry)
			.increment();
	}

	@Override
	public void onDelivery(SkyvernWebhookOutcome outcome, Duration elapsed) {
		this.deliveries
			.computeIfAbsent(outcome,
					(key) -> Timer.builder(WEBHOOK_DELIVERIES)
						.description("Skyvern webhook deliveries, from receipt to answer")
						.tag("outcome", key.value())
						.register(this.registry))
			.record(elapsed);
	}

	private Tags workflowTags(@Nullable String workflowId) {
		if (!this.workflowIdTag) {
			return Tags.empty();
		}
		return Tags.of(WORKFLOW_ID, Objects.requireNonNullElse(workflowId, UNKNOWN));
	}

}
