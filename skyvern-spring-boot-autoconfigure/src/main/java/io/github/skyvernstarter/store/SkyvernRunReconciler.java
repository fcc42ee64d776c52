package io.github.skyvernstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.store.SkyvernRunRegistry.InFlightRun;
import io.github.skyvernstarter.webhook.SkyvernWebhookOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Publishes the run-finished events whose webhook never arrived (every delivery attempt failed, for
 * example during a restart): one pass lists this application's finished runs by their tag
 * ({@code GET /v1/runs?tags=...}, one call per 100 runs), reads each finished run still in flight
 * once, and hands it to the publisher, the receiver's claim, listeners and mark path, so a run gets
 * one event whichever comes first. One instance at a time runs a pass, under a lease in the store.
 * <p>
 * Task runs ({@code tsk_} ids) carry no tags: a pass lists the finished runs of the task run types
 * instead ({@code GET /v1/runs?run_type=...}, also one call per 100 runs, other applications' tasks
 * included), back to the oldest task in flight.
 * <p>
 * When Skyvern refuses the tag filter (403: tagging is not enabled for the organization), a pass
 * reads the oldest runs in flight one by one instead, at most {@code maxReadsPerPass} of them.
 *
 * @since 0.1.0
 */
public final class SkyvernRunReconciler implements Runnable {

	private static final Log logger = LogFactory.getLog(SkyvernRunReconciler.class);

	/** The lease that one instance at a time holds to run a pass. */
	static final String LEASE = "skyvern-reconciler";

	/** Skyvern's longest run (max_elapsed_time_minutes 480): an older run in flight is read one by one. */
	static final Duration LONGEST_RUN = Duration.ofHours(8);

	static final int MAX_IN_FLIGHT = 10_000;

	static final int PAGE_SIZE = 100;

	static final int MAX_PAGES = 20;

	/** Every run type of a task run: cloud may run a task on another engine than the one asked for. */
	static final List<RunType> TASK_RUN_TYPES = List.of(RunType.TASK_V1, RunType.TASK_V2, new RunType("task_v3"),
			new RunType("openai_cua"), new RunType("anthropic_cua"), new RunType("ui_tars"),
			new RunType("yutori_navigator"));

	private static final RunStatus[] FINAL = { RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.TERMINATED,
			RunStatus.CANCELED, RunStatus.TIMED_OUT };

	private final SkyvernRunRegistry registry;

	private final SkyvernApiClient client;

	private final Function<SkyvernRun, SkyvernWebhookOutcome> publisher;

	private final Settings settings;

	private final Clock clock;

	private final String owner = UUID.randomUUID().toString();

	private final AtomicBoolean tagsRefused = new AtomicBoolean();

	/**
	 * Create a reconciler.
	 * @param registry the runs in flight and the lease
	 * @param client reads runs from Skyvern
	 * @param publisher publishes a finished run's event, for example the receiver's
	 * {@code publishReconciled}
	 * @param settings the tag, interval and limits
	 * @param clock the clock
	 */
	public SkyvernRunReconciler(SkyvernRunRegistry registry, SkyvernApiClient client,
			Function<SkyvernRun, SkyvernWebhookOutcome> publisher, Settings settings, Clock clock) {
		this.registry = registry;
		this.client = client;
		this.publisher = publisher;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Run one pass, unless another instance holds the lease.
	 */
	@Override
	public void run() {
		// Twice the interval: the holder renews it every pass, and a dead holder's lease lapses soon.
		if (!this.registry.tryLease(LEASE, this.owner, this.settings.interval().multipliedBy(2))) {
			return;
		}
		Instant now = this.clock.instant();
		List<InFlightRun> inFlight = new ArrayList<>();
		for (InFlightRun run : this.registry.inFlight(now, MAX_IN_FLIGHT)) {
			if (run.startedAt().isBefore(now.minus(this.settings.giveUpAfter()))) {
				logger.warn("No run-finished event could be published for Skyvern run " + run.runId() + " within "
						+ this.settings.giveUpAfter() + " of its start: forgotten");
				this.registry.remove(run.runId());
			}
			else {
				inFlight.add(run);
			}
		}
		if (inFlight.isEmpty()) {
			return;
		}
		List<InFlightRun> tasks = inFlight.stream().filter((run) -> isTask(run.runId())).toList();
		List<InFlightRun> workflowRuns = inFlight.stream().filter((run) -> !isTask(run.runId())).toList();
		int reads = 0;
		if (!workflowRuns.isEmpty()) {
			RunQuery byTag = RunQuery.builder()
				.status(FINAL)
				.tag(this.settings.tagKey(), this.settings.tagValue())
				.pageSize(PAGE_SIZE)
				.build();
			reads = reconcile(workflowRuns, this.tagsRefused.get() ? null : listFinished(workflowRuns, byTag, true, now),
					reads, now);
		}
		if (!tasks.isEmpty()) {
			RunQuery byType = RunQuery.builder()
				.status(FINAL)
				.runType(TASK_RUN_TYPES.toArray(RunType[]::new))
				.pageSize(PAGE_SIZE)
				.build();
			reconcile(tasks, listFinished(tasks, byType, false, now), reads, now);
		}
	}

	/** Whether a run is a task run, which has no tags: {@code tsk_} and {@code tsk_v2_} ids. */
	static boolean isTask(String runId) {
		return runId.startsWith("tsk_");
	}

	/**
	 * Publish the runs in flight that a listing shows finished, and read one by one, within the pass's
	 * budget, those it could not show; return the reads made so far in this pass.
	 */
	private int reconcile(List<InFlightRun> inFlight, @Nullable Listing listing, int readsSoFar, Instant now) {
		int reads = readsSoFar;
		for (InFlightRun run : inFlight) {
			if (listing != null && listing.finished().contains(run.runId())) {
				readAndPublish(run.runId(), now);
			}
			else if (reads < this.settings.maxReadsPerPass() && (listing == null
					|| run.startedAt().isBefore(listing.coveredSince())
					|| run.startedAt().isBefore(now.minus(LONGEST_RUN)))) {
				// Not found by the listing: tagging refused, older than the pages read, or untagged.
				reads++;
				readAndPublish(run.runId(), now);
			}
		}
		return reads;
	}

	/**
	 * Return the runs in flight that the listing shows finished, or {@code null} when Skyvern refuses
	 * the listing (for a listing by tag: tagging is not enabled for the organization).
	 */
	private @Nullable Listing listFinished(List<InFlightRun> inFlight, RunQuery query, boolean byTag, Instant now) {
		Set<String> wanted = new HashSet<>();
		inFlight.forEach((run) -> wanted.add(run.runId()));
		Instant oldest = inFlight.get(0).startedAt().minus(Duration.ofMinutes(5));
		Set<String> finished = new HashSet<>();
		Instant earliestListed = now;
		try {
			for (int page = 1; page <= MAX_PAGES; page++) {
				RunPage<RunSummary> runs = Objects.requireNonNull(this.client.findRuns(query, page, RequestOptions.none())
					.block());
				boolean older = false;
				for (RunSummary run : runs.items()) {
					if (wanted.contains(run.runId()) && delivered(run.finishedAt(), now)) {
						finished.add(run.runId());
					}
					if (run.createdAt() != null) {
						older |= run.createdAt().isBefore(oldest);
						earliestListed = run.createdAt().isBefore(earliestListed) ? run.createdAt() : earliestListed;
					}
				}
				if (runs.isLast() || older || finished.size() == wanted.size()) {
					return new Listing(finished, Instant.MIN);
				}
			}
			// More finished runs than the pages read: older runs in flight are read one by one.
			return new Listing(finished, earliestListed);
		}
		catch (SkyvernAuthenticationException ex) {
			if (!byTag) {
				logger.debug("Skyvern refused to list task runs; this pass reads them one by one", ex);
			}
			else if (!this.tagsRefused.getAndSet(true)) {
				logger.warn("Skyvern refused to list runs by tag (" + ex.getMessage() + "): the reconciler reads at "
						+ "most " + this.settings.maxReadsPerPass() + " runs in flight one by one per pass instead");
			}
			return null;
		}
		catch (SkyvernException ex) {
			// Skyvern unreachable or failing: this pass publishes what the pages read so far show.
			logger.debug("Listing Skyvern runs failed; the next pass tries again", ex);
			return new Listing(finished, Instant.MIN);
		}
	}

	/** Whether a run finished long enough ago for its webhook to have been delivered. */
	private boolean delivered(@Nullable Instant finishedAt, Instant now) {
		return finishedAt == null || !finishedAt.plus(this.settings.grace()).isAfter(now);
	}

	private void readAndPublish(String runId, Instant now) {
		SkyvernRun run;
		try {
			run = this.client.getRun(runId, RequestOptions.none()).block();
		}
		catch (SkyvernNotFoundException ex) {
			logger.warn("Skyvern run " + runId + " no longer exists: forgotten by the reconciler");
			this.registry.remove(runId);
			return;
		}
		if (run == null || !run.isFinal() || !delivered(run.finishedAt(), now)) {
			return;
		}
		SkyvernWebhookOutcome outcome = this.publisher.apply(run);
		if (outcome == SkyvernWebhookOutcome.ACCEPTED || outcome == SkyvernWebhookOutcome.DUPLICATE) {
			this.registry.remove(runId);
		}
	}

	/**
	 * What one pass's listing found: the finished runs in flight, and the creation time before which
	 * it did not look ({@link Instant#MIN} when it covered every run in flight).
	 */
	private record Listing(Set<String> finished, Instant coveredSince) {

	}

	/**
	 * What a pass looks for and how much it may do.
	 *
	 * @param tagKey the key of the tag that marks this application's runs
	 * @param tagValue its value
	 * @param interval the time between passes
	 * @param grace how long after a run finished its webhook is waited for
	 * @param giveUpAfter how long after its start a run is forgotten
	 * @param maxReadsPerPass the most runs read one by one in a pass
	 * @since 0.1.0
	 */
	public record Settings(String tagKey, String tagValue, Duration interval, Duration grace, Duration giveUpAfter,
			int maxReadsPerPass) {

	}

}
