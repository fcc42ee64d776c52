package io.github.skyvernstarter.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper used for Skyvern's wire format.
 * <p>
 * It is deliberately not the application's mapper: a global naming strategy or strict setting an
 * application chose for its own API must not change what is sent to, or read from, Skyvern.
 */
public final class SkyvernJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private SkyvernJson() {
	}

	/**
	 * Return the mapper for Skyvern's wire format: unknown fields ignored, nulls omitted.
	 * @return the shared mapper
	 */
	public static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Convert a JSON tree to the given type with Skyvern's mapper.
	 * @param <T> the target type
	 * @param node the tree
	 * @param type the target type
	 * @return the converted value
	 */
	public static <T> T convert(JsonNode node, Class<T> type) {
		return MAPPER.treeToValue(node, type);
	}

}
