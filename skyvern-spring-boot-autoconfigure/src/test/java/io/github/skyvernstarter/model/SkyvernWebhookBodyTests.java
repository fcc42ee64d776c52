package io.github.skyvernstarter.model;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.github.skyvernstarter.model.SkyvernWebhookBody.ParsedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SkyvernWebhookBody}: strict about what identifies a delivery, lenient about the
 * rest.
 */
class SkyvernWebhookBodyTests {

	@Test
	void readsSkyvernsOwnWebhookBodyWholeAndUnchanged() throws IOException {
		byte[] body;
		try (InputStream in = getClass().getResourceAsStream("/skyvern/webhook-workflow-run-completed.json")) {
			body = in.readAllBytes();
		}
		SkyvernWebhookBody webhook = SkyvernWebhookBody.parse(body);
		ParsedRun parsed = webhook.readRun();
		assertThat(webhook.runId()).isEqualTo("wr_490440779503358000");
		assertThat(webhook.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(parsed.unreadableFields()).isEmpty();
		assertThat(parsed.run()).isEqualTo(SkyvernJson.mapper().readValue(body, SkyvernRun.class));
	}

	@Test
	void readsEveryOtherFieldOfAFullRunFieldByFieldAsTheWholeWouldBeRead() throws IOException {
		byte[] full;
		try (InputStream in = getClass().getResourceAsStream("/skyvern/workflow-run-response-full.json")) {
			full = in.readAllBytes();
		}
		String json = new String(full, StandardCharsets.UTF_8);
		assertThat(json).contains("\"step_count\": 14");
		ParsedRun parsed = SkyvernWebhookBody
			.parse(json.replace("\"step_count\": 14", "\"step_count\": \"fourteen\"").getBytes(StandardCharsets.UTF_8))
			.readRun();
		assertThat(parsed.unreadableFields()).containsOnlyKeys("step_count");
		JsonNode expected = SkyvernJson.mapper().valueToTree(SkyvernJson.mapper().readValue(full, SkyvernRun.class));
		((tools.jackson.databind.node.ObjectNode) expected).remove("step_count");
		assertThat((JsonNode) SkyvernJson.mapper().valueToTree(parsed.run())).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "12345", "1.5e3", "null", "{\"x\":1}", "[\"wr_1\"]", "false" })
	void takesOnlyAJsonStringForTheRunId(String runId) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse("{\"run_id\":" + runId + ",\"status\":\"completed\"}"))
			.withMessageContaining("run_id");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "wr_1\\r\\nINFO forged line", "wr 1", "wr_1\\u0000", "../wr_1", "wr_1:completed",
			"wr_ü", "wr_1\\u2028", "wr/1" })
	void rejectsRunIdsThatAreNotSkyvernIds(String runId) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(run(runId, "completed")))
			.withMessage("run_id is not 1 to 128 letters, digits, '_' or '-'");
	}

	@Test
	void acceptsRunIdsUpTo128Characters() {
		String longest = "wr_" + "9".repeat(125);
		assertThat(parse(run(longest, "completed")).runId()).isEqualTo(longest);
		assertThat(parse(run("tsk_v2_486305187432193600", "completed")).runId()).isEqualTo("tsk_v2_486305187432193600");
		assertThatIllegalArgumentException().isThrownBy(() -> parse(run(longest + "9", "completed")));
	}

	@Test
	void rejectsAHugeRunIdWithoutDecodingIt() {
		String huge = "\\u0041".repeat(1_000_000);
		assertThatIllegalArgumentException().isThrownBy(() -> parse(run(huge, "completed")))
			.withMessageNotContaining("AAAA");
	}

	@Test
	void takesTheRunIdFromWorkflowRunIdOfOlderServers() {
		assertThat(parse("{\"workflow_run_id\":\"wr_legacy\",\"status\":\"completed\"}").runId()).isEqualTo("wr_legacy");
		assertThat(parse("{\"run_id\":null,\"workflow_run_id\":\"wr_legacy\",\"status\":\"completed\"}").runId())
			.isEqualTo("wr_legacy");
		assertThat(parse("{\"run_id\":\"wr_new\",\"workflow_run_id\":\"wr_old\",\"status\":\"completed\"}").runId())
			.isEqualTo("wr_new");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> parse("{\"workflow_run_id\":12,\"status\":\"completed\"}"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "completed", "completed ", " Completed", "COMPLETED", "\\tcompleted\\r\\n" })
	void normalizesTheStatus(String status) {
		assertThat(parse(run("wr_1", status)).status()).isSameAs(RunStatus.COMPLETED);
	}

	@Test
	void keepsAnUnknownStatusNormalized() {
		RunStatus status = parse(run("wr_1", " Waiting_For_Human ")).status();
		assertThat(status.value()).isEqualTo("waiting_for_human");
		assertThat(status.isKnown()).isFalse();
		assertThat(status.isFinal()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"run_id\":\"wr_1\"}", "{\"run_id\":\"wr_1\",\"status\":null}",
			"{\"run_id\":\"wr_1\",\"status\":1}", "{\"run_id\":\"wr_1\",\"status\":\"  \"}",
			"{\"run_id\":\"wr_1\",\"status\":[\"completed\"]}", "{\"run_id\":\"wr_1\",\"status\":\"\\uZZZZ\"}" })
	void rejectsAMissingBlankOrNonStringStatus(String json) {
		assertThatIllegalArgumentException().isThrownBy(() -> parse(json)).withMessageContaining("status");
	}

	@Test
	void readsAnOutputNestedDeeperThanJacksonsDefault() {
		ParsedRun parsed = read(body("\"output\":" + nested(1_500)));
		assertThat(parsed.unreadableFields()).isEmpty();
		assertThat(depth(parsed.run().output())).isEqualTo(1_500);
	}

	@Test
	void leavesOutAnOutputNestedDeeperThanTheLimitAndReadsTheRest() {
		ParsedRun parsed = read(body("\"output\":" + nested(SkyvernJson.MAX_NESTING_DEPTH + 1), "\"step_count\":3"));
		assertThat(parsed.unreadableFields()).containsOnlyKeys("output")
			.containsEntry("output", "nested deeper than 2000 levels");
		assertThat(parsed.run().output().isNull()).isTrue();
		assertThat(parsed.run().stepCount()).isEqualTo(3);
		assertThat(read(body("\"output\":" + nested(SkyvernJson.MAX_NESTING_DEPTH))).unreadableFields()).isEmpty();
	}

	@Test
	void readsAnyDepthThatFitsTheBodyWithoutBuildingIt() {
		// 8 MB of brackets: a tree of it would take about a gigabyte and minutes.
		ParsedRun parsed = read(body("\"output\":" + nested(4_000_000), "\"run_request\":{\"workflow_id\":\"wpid_1\"}"));
		assertThat(parsed.unreadableFields()).containsOnlyKeys("output");
		assertThat(parsed.run().workflowId()).isEqualTo("wpid_1");
	}

	@Test
	void readsNumbersOfAnyLengthExactly() {
		String digits = "9".repeat(5_000);
		ParsedRun parsed = read(body("\"output\":{\"n\":" + digits + ",\"x\":0." + digits + "}"));
		assertThat(parsed.unreadableFields()).isEmpty();
		assertThat(parsed.run().output().get("n").bigIntegerValue()).isEqualTo(new BigInteger(digits));
	}

	@Test
	void readsNamesAndStringsLongerThanJacksonsDefaults() {
		String name = "k".repeat(60_000);
		ParsedRun parsed = read(body("\"output\":{\"" + name + "\":\"v\"}"));
		assertThat(parsed.unreadableFields()).isEmpty();
		assertThat(parsed.run().output().get(name).asString()).isEqualTo("v");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"step_count\":2147483648", "\"step_count\":" + "1" + "0000000000000000000000",
			"\"created_at\":\"yesterday\"", "\"created_at\":{\"at\":1}", "\"downloaded_files\":\"invoice.pdf\"",
			"\"downloaded_files\":[{\"url\":\"https://f/1\",\"file_size\":1e400000}]", "\"recording_archived\":\"yes\"",
			"\"run_type\":{\"kind\":1}", "\"script_run\":[1]", "\"screenshot_urls\":{\"a\":1}",
			"\"max_screenshot_scrolls\":\"many\"", "\"errors\":\"none\"", "\"finished_at\":\"2026-13-45T99:00:00\"" })
	void leavesOutAnUnreadableFieldAndNamesIt(String field) {
		String name = field.substring(1, field.indexOf('"', 1));
		ParsedRun parsed = read(body("\"output\":{\"kept\":true}", field, "\"failure_reason\":\"none\""));
		assertThat(parsed.unreadableFields()).containsOnlyKeys(name);
		assertThat(parsed.unreadableFields().get(name)).doesNotContain("yesterday", "invoice", "many", "none");
		assertThat(parsed.run().runId()).isEqualTo("wr_1");
		assertThat(parsed.run().status()).isSameAs(RunStatus.COMPLETED);
		assertThat(parsed.run().output().get("kept").asBoolean()).isTrue();
		assertThat(parsed.run().failureReason()).isEqualTo("none");
	}

	@Test
	void leavesOutSeveralUnreadableFieldsAtOnce() {
		ParsedRun parsed = read(body("\"step_count\":1e99", "\"created_at\":\"soon\"", "\"output\":[1]",
				"\"downloaded_files\":7", "\"finished_at\":\"2026-08-22T18:35:11\""));
		assertThat(parsed.unreadableFields()).containsOnlyKeys("step_count", "created_at", "downloaded_files");
		assertThat(parsed.run().stepCount()).isNull();
		assertThat(parsed.run().createdAt()).isNull();
		assertThat(parsed.run().downloadedFiles()).isNull();
		assertThat(parsed.run().finishedAt()).isEqualTo(Instant.parse("2026-08-22T18:35:11Z"));
		assertThat(parsed.run().output()).hasSize(1);
	}

	@Test
	void readsALegacyBodyWithUnreadableFields() {
		ParsedRun parsed = read("{\"workflow_run_id\":\"wr_legacy\",\"status\":\"failed\",\"created_at\":false}");
		assertThat(parsed.run().runId()).isEqualTo("wr_legacy");
		assertThat(parsed.run().status()).isSameAs(RunStatus.FAILED);
		assertThat(parsed.unreadableFields()).containsOnlyKeys("created_at");
	}

	@Test
	void ignoresUnknownFieldsWhateverTheyHold() {
		ParsedRun parsed = read(body("\"outputs\":" + nested(3_000), "\"total_steps\":\"x\"", "\"future\":tru"));
		assertThat(parsed.unreadableFields()).isEmpty();
	}

	private static SkyvernWebhookBody parse(String json) {
		return SkyvernWebhookBody.parse(json.getBytes(StandardCharsets.UTF_8));
	}

	private static ParsedRun read(String json) {
		return parse(json).readRun();
	}

	private static String run(String runId, String status) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\"}";
	}

	private static String body(String... members) {
		return "{\"run_id\":\"wr_1\",\"status\":\"completed\"," + String.join(",", members) + "}";
	}

	static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	private static int depth(JsonNode node) {
		int depth = 0;
		JsonNode current = node;
		while (current.isArray()) {
			depth++;
			current = (current.size() > 0) ? current.get(0) : tools.jackson.databind.node.MissingNode.getInstance();
		}
		return depth;
	}

}
