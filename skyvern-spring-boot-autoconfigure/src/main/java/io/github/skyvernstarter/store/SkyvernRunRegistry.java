package io.github.skyvernstarter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Records the runs this application started and whose run-finished event was not published yet, so
 * that the {@link SkyvernRunReconciler} can publish the event of a run whose webhook never arrived.
 * Implementations are shared by every instance of the application and must be thread-safe.
 *
 * @since 0.1.0
 */
public interface SkyvernRunRegistry {

	/**
	 * Record a run as in flight; recording it again changes nothing.
	 * @param runId the run id
	 * @param startedAt when it was started
	 */
	void register(String runId, Instant startedAt);

	/**
	 * Forget a run, because its event was published.
	 * @param runId the run id
	 */
	void remove(String runId);

	/**
	 * Return the oldest runs in flight that were started before the given time.
	 * @param startedBefore the latest start time returned
	 * @param limit the most runs returned
	 * @return the runs, oldest first
	 */
	List<InFlightRun> inFlight(Instant startedBefore, int limit);

	/**
	 * Take or renew a named lease, so that one instance at a time does a job.
	 * @param name the lease's name
	 * @param owner who asks, unique per instance
	 * @param duration how long the lease lasts unless renewed
	 * @return whether the caller holds the lease now
	 */
	boolean tryLease(String name, String owner, Duration duration);

	/**
	 * A run in flight.
	 *
	 * @param runId the run id
	 * @param startedAt when it was started
	 * @since 0.1.0
	 */
	record InFlightRun(String runId, Instant startedAt) {

	}

}
