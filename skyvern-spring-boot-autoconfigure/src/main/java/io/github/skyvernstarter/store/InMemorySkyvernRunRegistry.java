package io.github.skyvernstarter.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link SkyvernRunRegistry} in this JVM's memory, for a single instance: it survives no restart, so
 * it only recovers webhooks lost while the application runs. Bounded: past {@code maxRuns} the
 * oldest runs are forgotten.
 *
 * @since 0.1.0
 */
public final class InMemorySkyvernRunRegistry implements SkyvernRunRegistry {

	private final Map<String, Instant> runs = new ConcurrentHashMap<>();

	private final int maxRuns;

	/**
	 * Create a registry.
	 * @param maxRuns the most runs remembered
	 */
	public InMemorySkyvernRunRegistry(int maxRuns) {
		if (maxRuns < 1) {
			throw new IllegalArgumentException("Max runs must be at least 1");
		}
		this.maxRuns = maxRuns;
	}

	@Override
	public void register(String runId, Instant startedAt) {
		this.runs.putIfAbsent(runId, startedAt);
		if (this.runs.size() > this.maxRuns) {
			inFlight(Instant.MAX, this.runs.size() - this.maxRuns)
				.forEach((oldest) -> this.runs.remove(oldest.runId()));
		}
	}

	@Override
	public void remove(String runId) {
		this.runs.remove(runId);
	}

	@Override
	public List<InFlightRun> inFlight(Instant startedBefore, int limit) {
		return this.runs.entrySet()
			.stream()
			.filter((run) -> !run.getValue().isAfter(startedBefore))
			.map((run) -> new InFlightRun(run.getKey(), run.getValue()))
			.sorted(Comparator.comparing(InFlightRun::startedAt))
			.limit(limit)
			.toList();
	}

	@Override
	public boolean tryLease(String name, String owner, Duration duration) {
		return true;
	}

}
