package io.github.skyvernstarter.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a run type that the API document declares as any string ({@code task_run_type} of
 * {@code GET /v1/runs}): as {@link RunType#of(String)} does, but a blank one as no run type
 * ({@code null}) instead of failing the whole answer.
 *
 * @since 0.1.0
 */
public final class SkyvernLenientRunTypeDeserializer extends StdScalarDeserializer<RunType> {

	/**
	 * Create the deserializer; Jackson does, for {@code @JsonDeserialize(using = ...)}.
	 */
	public SkyvernLenientRunTypeDeserializer() {
		super(RunType.class);
	}

	@Override
	public @Nullable RunType deserialize(JsonParser parser, DeserializationContext context) {
		String text = parser.getValueAsString();
		if (text == null) {
			return (RunType) context.handleUnexpectedToken(RunType.class, parser);
		}
		return text.isBlank() ? null : RunType.of(text);
	}

}
