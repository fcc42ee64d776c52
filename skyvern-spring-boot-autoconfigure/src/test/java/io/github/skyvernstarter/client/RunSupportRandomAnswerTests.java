package io.github.skyvernstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Every answer Skyvern's OpenAPI document allows for the run support calls parses: random answers
 * valid against each response schema (checked, so the generator itself is held to the spec) are read
 * by the same decoders the calls use.
 */
class RunSupportRandomAnswerTests {

	private static final int SAMPLES = 150;

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "WorkflowRunTimeline[]", "Artifact[]", "WorkflowRunResponse", "BulkCancelRunsResponse",
			"Workflow", "Workflow[]", "TOTPCode", "TaskRunListItem[]", "WorkflowRun[]", "TaskRunResponse" })
	void specValidAnswersParse(String answer) {
		boolean array = answer.endsWith("[]");
		String component = array ? answer.substring(0, answer.length() - 2) : answer;
		JsonSchema schema = OpenApiSpec.component(component);
		ResponseDecoder<?> decoder = decoder(answer);
		for (int seed = 0; seed < SAMPLES; seed++) {
			SpecRandomJson random = new SpecRandomJson(OpenApiSpec.document(), seed);
			JsonNode value = array ? random.arrayOf(component) : random.component(component);
			if (!array) {
				assertThat(OpenApiSpec.errors(schema, value)).as("generated %s (seed %d)", component, seed).isEmpty();
			}
			byte[] body = value.toString().getBytes(StandardCharsets.UTF_8);
			int current = seed;
			assertThatNoException().as("%s (seed %d): %s", answer, current, abbreviated(value))
				.isThrownBy(() -> assertThat(decoder.decode(body)).isNotNull());
		}
	}

	private static ResponseDecoder<?> decoder(String answer) {
		Function<String, ResponseDecoder<?>> decoders = (name) -> switch (name) {
			case "WorkflowRunTimeline[]" -> SupportCalls.TIMELINE;
			case "Artifact[]" -> SupportCalls.ARTIFACTS;
			case "WorkflowRunResponse" -> SupportCalls.RUN;
			case "BulkCancelRunsResponse" -> SupportCalls.CANCEL_RESULT;
			case "Workflow" -> SupportCalls.WORKFLOW;
			case "Workflow[]" -> SupportCalls.WORKFLOWS;
			case "TOTPCode" -> SupportCalls.SENT_CODE;
			// GET /v1/runs, GET /v1/agents/{id}/runs and POST /v1/run/tasks, decoded as those calls do.
			case "TaskRunListItem[]" -> FindRunsMapping.runs(RunQuery.builder().build(), 1);
			case "WorkflowRun[]" -> FindRunsMapping.workflowRuns(WorkflowRunQuery.builder("wpid_x").build(), 1);
			case "TaskRunResponse" -> SupportCalls.RUN; // runTask decodes with ResponseDecoder.json(SkyvernRun.class) too
			default -> throw new IllegalArgumentException(name);
		};
		return decoders.apply(answer);
	}

	private static String abbreviated(JsonNode value) {
		String text = value.toString();
		return (text.length() > 2000) ? text.substring(0, 2000) + "..." : text;
	}


}
