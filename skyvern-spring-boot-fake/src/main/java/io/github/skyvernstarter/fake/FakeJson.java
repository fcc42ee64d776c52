package io.github.skyvernstarter.fake;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * JSON as Skyvern writes it: compact, {@code null}s kept, and naive UTC timestamps.
 *
 * @since 0.1.0
 */
public final class FakeJson {

	private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private static final DateTimeFormatter MICROSECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

	// A mapper of our own, not the client's: it keeps nulls (Skyvern writes them).
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private FakeJson() {
	}

	/**
	 * Convert a value to JSON.
	 * @param value a map, record, list, string, number, {@link JsonNode} or {@code null}
	 * @return the JSON tree, JSON null for {@code null}
	 */
	public static JsonNode toJson(@Nullable Object value) {
		if (value == null) {
			return NullNode.getInstance();
		}
		if (value instanceof JsonNode node) {
			return node;
		}
		return MAPPER.valueToTree(value);
	}

	/**
	 * Read a JSON body.
	 * @param body the raw bytes
	 * @return the tree
	 * @throws tools.jackson.core.JacksonException if the body is not JSON
	 */
	public static JsonNode read(byte[] body) {
		return MAPPER.readTree(body);
	}

	/**
	 * Write JSON compactly, as Skyvern does.
	 * @param json the tree
	 * @return UTF-8 bytes
	 */
	public static byte[] write(JsonNode json) {
		return MAPPER.writeValueAsBytes(json);
	}

	/**
	 * Format an instant as Skyvern does: UTC without offset, microseconds only when not zero (Python's
	 * {@code datetime.isoformat()}).
	 * @param instant the instant
	 * @return for example {@code 2026-08-22T18:30:00.160725}
	 */
	public static String timestamp(Instant instant) {
		LocalDateTime time = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
		return ((time.getNano() == 0) ? SECONDS : MICROSECONDS).format(time);
	}

}
