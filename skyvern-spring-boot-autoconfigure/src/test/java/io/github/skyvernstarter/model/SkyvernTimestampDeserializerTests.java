package io.github.skyvernstarter.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SkyvernTimestampDeserializer#parse}: its quick path for the usual form decides
 * every text as the ISO formatter alone does.
 */
class SkyvernTimestampDeserializerTests {

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "2026-08-22T18:30:00", "2026-08-22T18:30:00.160725", "2026-08-22T18:30:00.1",
			"2026-08-22T18:30:00.123456789", "2026-08-22T18:30:00Z", "2026-08-22T18:30:00.5Z",
			"2026-08-22T20:30:00+02:00", "2026-08-22T13:30:00.25-05:30", "2026-08-22T18:30:00+18:00",
			"2026-08-22T18:30:00-18:00", "2024-02-29T00:00:00", "2000-02-29T23:59:59.999999999",
			"0000-01-01T00:00:00", "9999-12-31T23:59:59Z", " 2026-08-22T18:30:00 ", "2026-08-22t18:30:00",
			"2026-08-22T18:30", "2026-08-22T18:30Z", "2026-08-22T18:30:00+02:00:30", "2026-08-22T18:30:00.",
			"2026-08-22T18:30:00z", "2026-08-22T18:30:00+02:00[Europe/Paris]", "+12026-08-22T18:30:00" })
	void readsValidTimestampsAsTheIsoFormatterDoes(String text) {
		assertThat(SkyvernTimestampDeserializer.parse(text)).isEqualTo(iso(text));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "2026-02-29T00:00:00", "2026-04-31T00:00:00", "2026-13-01T00:00:00",
			"2026-00-10T00:00:00", "2026-08-00T00:00:00", "2026-08-22T24:00:00", "2026-08-22T18:60:00",
			"2026-08-22T18:30:60", "2026-08-22T18:30:00+0200", "2026-08-22T18:30:00.1234567890",
			"2026-08-22T18:30:00+19:00", "2026-08-22T18:30:00+02:60", "2026-08-22T18:30:00+2:00",
			"2026-08-22T18:30:00ZZ", "2026-08-22 18:30:00", "2026-8-22T18:30:00", "2026-08-22T18:30:0a",
			"yesterday", "", "２０２６-08-22T18:30:00" })
	void rejectsInvalidTimestampsAsTheIsoFormatterDoes(String text) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> iso(text));
		assertThatExceptionOfType(DateTimeException.class)
			.isThrownBy(() -> SkyvernTimestampDeserializer.parse(text));
	}

	private static Instant iso(String text) {
		TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(text.trim());
		ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
		return LocalDateTime.from(parsed).toInstant(offset);
	}

}
