package io.github.skyvernstarter.model;

import java.time.DateTimeException;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a Skyvern timestamp that the API document declares as a plain string (no {@code date-time}
 * format), as {@link SkyvernTimestampDeserializer} does, but reads text that is no timestamp as
 * {@code null} instead of failing the whole answer.
 *
 * @since 0.1.0
 */
public final class SkyvernLenientTimestampDeserializer extends StdScalarDeserializer<Instant> {

	/**
	 * Create the deserializer; Jackson does, for {@code @JsonDeserialize(using = ...)}.
	 */
	public SkyvernLenientTimestampDeserializer() {
		super(Instant.class);
	}

	@Override
	public @Nullable Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
			return Instant.ofEpochSecond(parser.getLongValue());
		}
		String text = parser.getValueAsString();
		try {
			return SkyvernTimestampDeserializer.parse(text);
		}
		catch (DateTimeException | NullPointerException ex) {
			// Declared as any string: an unreadable one is unknown, not a broken answer.
			return null;
		}
	}

}
