package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Sizes of every scenario: the full suite, or a quick run that only proves the harness works.
 *
 * @param quick whether this is the quick run
 * @param overheadRounds scenario 1 rounds
 * @param overheadPairs scenario 1 calls per side per round
 * @param overheadWarmup scenario 1 warm-up calls per side
 * @param waits scenario 2 concurrent waits
 * @param smallWaits scenario 2 smaller size, to show that threads do not grow with the waits
 * @param waitRepeats scenario 2 repetitions of the main measurement
 * @param blockingSizes scenario 2 sizes tried for the thread-per-wait baseline, largest last
 * @param runMinMillis scenario 2 shortest simulated run
 * @param runMaxMillis scenario 2 longest simulated run
 * @param pollMillis scenario 2 poll interval
 * @param shortPollMillis scenario 2 poll interval of the batch that polls faster than the machine answers
 * @param webhookRounds scenario 3 rounds (one phase per endpoint each)
 * @param webhookPhaseMillis scenario 3 length of one phase
 * @param webhookWarmupMillis scenario 3 length of each endpoint's warm-up, per body size
 * @param webhookWorkers scenario 3 concurrent load workers
 * @param timeScale scenario 4 divisor of every duration
 * @param apiCallRuns scenario 4 runs per row
 * @param startupRuns scenario 5 starts per variant
 * @param attackers scenario 6 concurrent senders of bodies of the largest size
 * @param attackBodyMegabytes scenario 6 largest accepted body, the size the attackers send
 * @param slowSenders scenario 6 concurrent senders of one byte a second
 * @param attackPhaseMillis scenario 6 length of each attack
 */
record Settings(boolean quick, int overheadRounds, int overheadPairs, int overheadWarmup, int waits, int smallWaits,
		int waitRepeats, int[] blockingSizes, long runMinMillis, long runMaxMillis, long pollMillis,
		long shortPollMillis,
		int webhookRounds, long webhookPhaseMillis, long webhookWarmupMillis, int webhookWorkers, long timeScale, int apiCallRuns,
		int startupRuns, int attackers, int attackBodyMegabytes, int slowSenders, long attackPhaseMillis) {

	static Settings full() {
		return new Settings(false, 15, 2000, 15000, 10_000, 1_000, 2, new int[] { 1_000, 5_000, 10_000 },
				1_000, 10_000, 10_000, 2_000, 8, 1_500, 6_000, 8, 20, 50, 12, 200, 16, 250, 30_000);
	}

	/**
	 * Return the options for a child JVM: the given ones, plus, in a quick run, options that make a
	 * JVM start faster (and measure less faithfully).
	 */
	List<String> jvmOptions(String... options) {
		List<String> all = new ArrayList<>(List.of(options));
		if (this.quick) {
			all.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
		}
		return all;
	}

	static Settings quickRun() {
		return new Settings(true, 2, 100, 200, 200, 50, 1, new int[] { 50 }, 50, 200, 50, 50, 1, 300, 300, 2, 200, 5, 1, 8,
				1, 6, 3_000);
	}

}
