package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;

/**
 * Logs a warning at most once per interval and the repeats at debug level, so that a sender who
 * can trigger the warning cannot flood the log with it.
 */
final class ThrottledWarning {

	private final Log logger;

	private final Duration interval;

	private final Clock clock;

	private final AtomicReference<Instant> last = new AtomicReference<>(Instant.MIN);

	ThrottledWarning(Log logger, Duration interval, Clock clock) {
		this.logger = logger;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Log the warning, or the short message at debug level if a warning was logged within the
	 * interval.
	 * @param warning the warning, which should say that repeats go to debug level
	 * @param repeat the debug message for repeats
	 */
	void warn(String warning, String repeat) {
		Instant now = this.clock.instant();
		Instant previous = this.last.get();
		if (now.isAfter(previous.plus(this.interval)) && this.last.compareAndSet(previous, now)) {
			this.logger.warn(warning);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(repeat);
		}
	}

}
