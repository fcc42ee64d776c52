package io.github.skyvernstarter.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code Retry-After} header: delay seconds or an HTTP date, the latter measured against an
 * injected clock.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/**
	 * Read a {@code Retry-After} value.
	 * @param value the header's value
	 * @param clock the clock an HTTP date is measured against
	 * @return the delay (never negative), or {@code null} when absent or unreadable
	 */
	static @Nullable Duration parse(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return Duration.ofSeconds(Math.max(0, seconds));
		}
		catch (NumberFormatException ex) {
			// Not seconds: an HTTP date, handled below.
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(clock.instant(), at);
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
