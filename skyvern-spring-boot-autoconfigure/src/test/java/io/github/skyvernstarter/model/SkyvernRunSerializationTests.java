package io.github.skyvernstarter.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a {@link SkyvernRun} written as JSON (for example by an application's controller) has
 * Skyvern's fields only.
 */
class SkyvernRunSerializationTests {

	@Test
	void writesSkyvernFieldNamesAndNoDerivedProperties() {
		SkyvernRun run = SkyvernJson.mapper()
			.readValue("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":{\"a\":1},"
					+ "\"run_type\":\"workflow_run\",\"run_request\":{\"workflow_id\":\"wpid_x\"}}", SkyvernRun.class);
		JsonNode json = JsonMapper.builder().build().valueToTree(run);
		assertThat(json.get("run_id").asString()).isEqualTo("wr_1");
		assertThat(json.get("status").asString()).isEqualTo("completed");
		assertThat(json.has("final")).isFalse();
		assertThat(json.has("workflow_run")).isFalse();
		assertThat(SkyvernJson.mapper().treeToValue(json, SkyvernRun.class)).isEqualTo(run);
	}

}
