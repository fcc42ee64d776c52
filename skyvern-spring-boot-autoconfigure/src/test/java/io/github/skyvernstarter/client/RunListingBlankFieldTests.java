package io.github.skyvernstarter.client;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/runs} declares an item's {@code status} and {@code task_run_type} as any string, so a
 * blank one is spec-valid: it parses, as a status this library does not know (never final) and as no
 * run type.
 */
class RunListingBlankFieldTests {

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t" })
	void blankStatusAndRunTypeParse(String blank) throws Exception {
		JsonSchema schema = OpenApiSpec.component("TaskRunListItem");
		for (int seed = 0; seed < 20; seed++) {
			ObjectNode item = (ObjectNode) new SpecRandomJson(OpenApiSpec.document(), seed).component("TaskRunListItem");
			item.put("status", blank);
			item.put("task_run_type", blank);
			assertThat(OpenApiSpec.errors(schema, item)).as("seed %d", seed).isEmpty();
			JsonNode answer = item.arrayNode().add(item);
			RunPage<RunSummary> page = FindRunsMapping.runs(RunQuery.builder().build(), 1)
				.decode(answer.toString().getBytes(StandardCharsets.UTF_8));
			RunSummary run = page.items().get(0);
			assertThat(run.status()).isEqualTo(RunStatus.of("unknown"));
			assertThat(run.status().isKnown()).isFalse();
			assertThat(run.isFinal()).isFalse();
			assertThat(run.runType()).isNull();
		}
	}

}
