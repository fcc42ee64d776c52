package io.github.skyvernstarter.model;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdScalarDeserializer;

/**
 * Reads a run status that the API document declares as any string ({@code GET /v1/runs}): as
 * {@link RunStatus#of(String)} does, but a blank one as the status {@code unknown}, which this library
 * does not know and never takes for final, instead of failing the whole answer.
 *
 * @since 0.1.0
 */
public final class SkyvernLenientRunStatusDeserializer extends StdScalarDeserializer<RunStatus> {

	/** What a blank status is read as. */
	static final String BLANK = "unknown";

	/**
	 * Create the deserializer; Jackson does, for {@code @JsonDeserialize(using = ...)}.
	 */
	public SkyvernLenientRunStatusDeserializer() {
		super(RunStatus.class);
	}

	@Override
	public RunStatus deserialize(JsonParser parser, DeserializationContext context) {
		String text = parser.getValueAsString();
		if (text == null) {
			return (RunStatus) context.handleUnexpectedToken(RunStatus.class, parser);
		}
		return RunStatus.of(text.isBlank() ? BLANK : text);
	}

}
