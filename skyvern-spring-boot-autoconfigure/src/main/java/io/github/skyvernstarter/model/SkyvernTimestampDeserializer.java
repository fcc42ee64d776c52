package io.github.skyvernstarter.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads Skyvern timestamps with or without an offset: the server sends naive UTC
 * ({@code 2026-08-22T18:30:00.160725}), its documentation shows {@code ...Z}.
 */
public final class SkyvernTimestampDeserializer extends StdScalarDeserializer<Instant> {

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
		catch (DateTimeParseException | NullPointerException ex) {
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
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text.trim(), OffsetDateTime::from,
				LocalDateTime::from);
		if (parsed instanceof OffsetDateTime offsetDateTime) {
			return offsetDateTime.toInstant();
		}
		return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
	}

}
