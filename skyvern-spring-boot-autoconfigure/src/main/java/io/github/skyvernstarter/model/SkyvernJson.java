package io.github.skyvernstarter.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper used for Skyvern's wire format.
 * <p>
 * It is deliberately not the application's mapper: a global naming strategy or strict setting an
 * application chose for its own API must not change what is sent to, or read from, Skyvern.
 * <p>
 * Jackson's default read limits are lifted where the size limits already bound the input
 * ({@code skyvern.max-response-size} for API answers, {@code skyvern.webhooks.max-body-size} for
 * webhooks, both checked before parsing): numbers of any length, strings and names of any length.
 * Nesting is the exception: a value may nest up to {@value #MAX_NESTING_DEPTH} levels, where
 * Jackson's default stops at 500. A tree costs about 100 bytes of heap per level and deep trees
 * overflow the stack in Jackson's recursive writing and comparing (between 2,000 and 5,000 levels
 * on a 1 MB thread stack), while Skyvern's own JSON encoders stop at about 1,000 levels.
 *
 * @since 0.1.0
 */
public final class SkyvernJson {

	/** How many levels of arrays and objects a value in a Skyvern run may nest. */
	public static final int MAX_NESTING_DEPTH = 2_000;

	private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
		// One more level than a value's own: the run object that holds it.
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_NESTING_DEPTH + 1)
			.maxNumberLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.build())
		// What was read can be written back, for example by outputAs.
		.streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH + 1).build())
		.build())
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
