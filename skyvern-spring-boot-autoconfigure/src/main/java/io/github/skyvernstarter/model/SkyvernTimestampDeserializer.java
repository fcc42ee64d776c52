package io.github.skyvernstarter.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

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
		// Asking the parsed fields for an offset, rather than parseBest, avoids throwing (and filling a
		// stack trace for) an exception on every naive timestamp, which is every real one.
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.trim());
		LocalDateTime dateTime = LocalDateTime.from(parsed);
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
		return dateTime.toInstant(offset);
	}

}
