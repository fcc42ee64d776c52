package io.github.skyvernstarter.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads Skyvern timestamps with or without an offset: the server sends naive UTC
 * ({@code 2026-08-22T18:30:00.160725}), its documentation shows {@code ...Z}.
 *
 * @since 0.1.0
 */
public final class SkyvernTimestampDeserializer extends StdScalarDeserializer<Instant> {

	/**
	 * Create the deserializer; Jackson does, for {@code @JsonDeserialize(using = ...)}.
	 */
	public SkyvernTimestampDeserializer() {
		super(Instant.class);
	}

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return Instant.ofEpochSecond(parser.getLongValue());
		}
		String text = parser.getValueAsString();
		try {
			return parse(text);
		}
		catch (DateTimeException | NullPointerException ex) {
			return (Instant) context.handleWeirdStringValue(Instant.class, text,
					"not an ISO-8601 timestamp with or without offset");
		}
	}

	/**
	 * Parse a Skyvern timestamp; a value without an offset is UTC.
	 * @param text the timestamp
	 * @return the instant
	 */
	public static Instant parse(String text) {
		String trimmed = text.trim();
		Instant common = parseCommon(trimmed);
		if (common != null) {
			return common;
		}
		// Asking the parsed fields for an offset, rather than parseBest, avoids throwing (and filling a
		// stack trace for) an exception on every naive timestamp, which is every real one.
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(trimmed);
		LocalDateTime dateTime = LocalDateTime.from(parsed);
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
		return dateTime.toInstant(offset);
	}

	/**
	 * Parse the form every Skyvern timestamp has, {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of
	 * 1 to 9 digits, then nothing, {@code Z} or {@code ±HH:MM}, several times faster than the ISO
	 * formatter (a webhook carries five timestamps); anything else, valid or not, is left to the
	 * formatter, which decides alike.
	 * @return the instant, or {@code null} if the text is not in that form or its fields are out of range
	 */
	private static @Nullable Instant parseCommon(String text) {
		int length = text.length();
		if (length < 19 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if ((year | month | day | hour | minute | second) < 0) {
			return null;
		}
		int position = 19;
		int nanos = 0;
		if (position < length && text.charAt(position) == '.') {
			int end = position + 1;
			while (end < length && end - position <= 9 && isDigit(text.charAt(end))) {
				end++;
			}
			int count = end - position - 1;
			if (count == 0 || count > 9) {
				return null;
			}
			nanos = digits(text, position + 1, count);
			for (int i = count; i < 9; i++) {
				nanos *= 10;
			}
			position = end;
		}
		int offsetSeconds;
		if (position == length) {
			offsetSeconds = 0;
		}
		else if (text.charAt(position) == 'Z' && position + 1 == length) {
			offsetSeconds = 0;
		}
		else if ((text.charAt(position) == '+' || text.charAt(position) == '-') && position + 6 == length
				&& text.charAt(position + 3) == ':') {
			int offsetHours = digits(text, position + 1, 2);
			int offsetMinutes = digits(text, position + 4, 2);
			if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59) {
				return null;
			}
			offsetSeconds = ((text.charAt(position) == '-') ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
		}
		else {
			return null;
		}
		if (month < 1 || month > 12 || day < 1 || (day > 28 && day > YearMonth.of(year, month).lengthOfMonth())
				|| hour > 23 || minute > 59 || second > 59 || Math.abs(offsetSeconds) > 18 * 3600) {
			return null;
		}
		return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
			.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
	}

	/** Return the value of {@code count} ASCII digits, or {@code -1} if one is not a digit. */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
