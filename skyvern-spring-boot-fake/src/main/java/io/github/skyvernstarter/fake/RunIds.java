package io.github.skyvernstarter.fake;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run ids shaped like Skyvern's: a prefix ({@code wr_}, {@code tsk_}) and 18 digits.
 * <p>
 * The numbers start from the clock, so that a fake started again later does not hand out the ids of
 * its earlier runs: an application that keeps its webhook idempotency store across restarts would
 * take a repeated id for a delivery it already processed.
 */
final class RunIds {

	// 18 digits from 1e17 on; the clock's milliseconds times 1000 (16 digits until the year 2286) leave room
	// for 1000 runs per millisecond before a later start could meet an earlier one's ids.
	private static final long BASE = 100_000_000_000_000_000L;

	private final AtomicLong next;

	RunIds(Clock clock) {
		this.next = new AtomicLong(BASE + clock.millis() * 1000);
	}

	String next(String prefix) {
		return prefix + this.next.getAndIncrement();
	}

}
