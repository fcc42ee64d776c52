package io.github.skyvernstarter.model;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.NullNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for reading Skyvern's run object ({@code WorkflowRunResponse}, task runs and webhook bodies)
 * into {@link SkyvernRun}.
 */
class SkyvernRunParsingTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "2026-08-22T18:30:00, 2026-08-22T18:30:00Z", "2026-08-22T18:30:00.1, 2026-08-22T18:30:00.100Z",
			"2026-08-22T18:30:00.16, 2026-08-22T18:30:00.160Z", "2026-08-22T18:30:00.160, 2026-08-22T18:30:00.160Z",
			"2026-08-22T18:30:00.1607, 2026-08-22T18:30:00.160700Z",
			"2026-08-22T18:30:00.16072, 2026-08-22T18:30:00.160720Z",
			"2026-08-22T18:30:00.160725, 2026-08-22T18:30:00.160725Z" })
	void readsNaiveTimestampsAsUtcWithZeroToSixFractionDigits(String wire, String expected) {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"running\",\"created_at\":\"" + wire
				+ "\",\"modified_at\":\"" + wire + "\",\"queued_at\":\"" + wire + "\",\"started_at\":\"" + wire
				+ "\",\"finished_at\":\"" + wire + "\"}");
		Instant instant = Instant.parse(expected);
		assertThat(run.createdAt()).isEqualTo(instant);
		assertThat(run.modifiedAt()).isEqualTo(instant);
		assertThat(run.queuedAt()).isEqualTo(instant);
		assertThat(run.startedAt()).isEqualTo(instant);
		assertThat(run.finishedAt()).isEqualTo(instant);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "2026-08-22T18:30:00Z, 2026-08-22T18:30:00Z",
			"2026-08-22T18:30:00.160725Z, 2026-08-22T18:30:00.160725Z",
			"2026-08-22T20:30:00+02:00, 2026-08-22T18:30:00Z",
			"2026-08-22T20:30:00.5+02:00, 2026-08-22T18:30:00.500Z",
			"2026-08-22T13:30:00-05:00, 2026-08-22T18:30:00Z", "2026-08-22T18:30:00+00:00, 2026-08-22T18:30:00Z" })
	void readsTimestampsWithOffset(String wire, String expected) {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"running\",\"created_at\":\"" + wire + "\"}");
		assertThat(run.createdAt()).isEqualTo(Instant.parse(expected));
	}

	@Test
	void readsNullAndMissingTimestampsAsNull() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"queued\",\"created_at\":\"2026-08-22T18:30:00\","
				+ "\"started_at\":null}");
		assertThat(run.startedAt()).isNull();
		assertThat(run.finishedAt()).isNull();
	}

	@Test
	void rejectsUnreadableTimestampWithMessageNamingIt() {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("{\"run_id\":\"wr_1\",\"status\":\"queued\",\"created_at\":\"yesterday\"}"))
			.withMessageContaining("yesterday");
	}

	@Test
	void readsFileModifiedAtInBothForms() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"downloaded_files\":["
				+ "{\"url\":\"https://f/1\",\"modified_at\":\"2026-08-22T18:34:59.000001\"},"
				+ "{\"url\":\"https://f/2\",\"modified_at\":\"2026-08-22T18:34:59Z\"}]}");
		assertThat(run.downloadedFiles()).extracting(FileInfo::modifiedAt)
			.containsExactly(Instant.parse("2026-08-22T18:34:59.000001Z"), Instant.parse("2026-08-22T18:34:59Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "created", "queued", "running", "paused", "completed", "failed", "terminated",
			"canceled", "timed_out" })
	void readsEveryKnownStatusAsItsConstant(String wire) {
		RunStatus status = read("{\"run_id\":\"wr_1\",\"status\":\"" + wire + "\"}").status();
		assertThat(status.isKnown()).isTrue();
		assertThat(status.value()).isEqualTo(wire);
		assertThat(status).isSameAs(RunStatus.of(wire));
	}

	@Test
	void knowsWhichStatusesAreFinal() {
		assertThat(List.of(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.TERMINATED, RunStatus.CANCELED,
				RunStatus.TIMED_OUT))
			.allMatch(RunStatus::isFinal);
		assertThat(List.of(RunStatus.CREATED, RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.PAUSED))
			.noneMatch(RunStatus::isFinal);
	}

	@Test
	void keepsUnknownStatusAsNotFinalAndNotKnown() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"waiting_for_human\"}");
		assertThat(run.status().value()).isEqualTo("waiting_for_human");
		assertThat(run.status().isKnown()).isFalse();
		assertThat(run.status().isFinal()).isFalse();
		assertThat(run.isFinal()).isFalse();
		assertThat(run.status()).hasToString("waiting_for_human");
	}

	@Test
	void writesStatusBackAsItsWireValue() {
		assertThat(SkyvernJson.mapper().writeValueAsString(RunStatus.of("waiting_for_human")))
			.isEqualTo("\"waiting_for_human\"");
		assertThat(SkyvernJson.mapper().writeValueAsString(RunStatus.TIMED_OUT)).isEqualTo("\"timed_out\"");
	}

	@Test
	void ignoresUnknownFields() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"brand_new_field\":{\"nested\":[1,2]},"
				+ "\"another\":\"x\",\"script_run\":{\"ai_fallback_triggered\":false,\"future\":1},"
				+ "\"downloaded_files\":[{\"url\":\"https://f/1\",\"mime_type\":\"application/pdf\"}]}");
		assertThat(run.runId()).isEqualTo("wr_1");
		assertThat(run.scriptRun()).isEqualTo(new ScriptRun(false, null, null));
		assertThat(run.downloadedFiles()).extracting(FileInfo::url).containsExactly("https://f/1");
	}

	@Test
	void readsObjectOutputAsTreeAndAsRecord() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":"
				+ "{\"invoice_number\":\"INV-1\",\"total\":1234.5,\"extra\":true}}");
		assertThat(run.output().isObject()).isTrue();
		assertThat(run.output().get("invoice_number").asString()).isEqualTo("INV-1");
		assertThat(run.outputAs(Invoice.class)).isEqualTo(new Invoice("INV-1", 1234.5));
		assertThat(run.outputAs(new TypeReference<Map<String, Object>>() {
		})).containsEntry("invoice_number", "INV-1").containsEntry("extra", true);
	}

	@Test
	void readsArrayOutputAsTreeAndAsList() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":"
				+ "[{\"invoice_number\":\"INV-1\",\"total\":1},{\"invoice_number\":\"INV-2\",\"total\":2.5}]}");
		assertThat(run.output().isArray()).isTrue();
		assertThat(run.output()).hasSize(2);
		assertThat(run.outputAs(new TypeReference<List<Invoice>>() {
		})).containsExactly(new Invoice("INV-1", 1), new Invoice("INV-2", 2.5));
		assertThat(run.outputAs(Invoice[].class)).hasSize(2);
	}

	@Test
	void readsStringOutput() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":\"Der Preis ist 12 €\"}");
		assertThat(run.output().isString()).isTrue();
		assertThat(run.output().asString()).isEqualTo("Der Preis ist 12 €");
		assertThat(run.outputAs(String.class)).isEqualTo("Der Preis ist 12 €");
	}

	@Test
	void readsJsonNullOutputAsNullNode() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"canceled\",\"output\":null}");
		assertThat(run.output()).isSameAs(NullNode.getInstance());
		assertThat(run.outputAs(Invoice.class)).isNull();
		assertThat(run.outputAs(new TypeReference<List<Invoice>>() {
		})).isNull();
	}

	@Test
	void readsMissingOutputAsNullNode() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"queued\"}");
		assertThat(run.output()).isSameAs(NullNode.getInstance());
		assertThat(run.outputAs(Invoice.class)).isNull();
	}

	@Test
	void keepsNumbersOfOutputExact() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":"
				+ "{\"big_int\":12345678901234567890,\"float_precision\":0.30000000000000004}}");
		assertThat(run.output().get("big_int").bigIntegerValue()).hasToString("12345678901234567890");
		assertThat(run.output().get("float_precision").doubleValue()).isEqualTo(0.30000000000000004);
	}

	@Test
	void rejectsOutputThatDoesNotFitTheTargetType() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":\"just text\"}");
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> run.outputAs(Invoice.class));
	}

	@Test
	void tellsWorkflowRunFromTaskRunByRunType() {
		SkyvernRun workflowRun = read("{\"run_id\":\"wr_1\",\"status\":\"running\",\"run_type\":\"workflow_run\"}");
		SkyvernRun taskV1 = read("{\"run_id\":\"tsk_1\",\"status\":\"running\",\"run_type\":\"task_v1\"}");
		SkyvernRun taskV2 = read("{\"run_id\":\"tsk_v2_1\",\"status\":\"running\",\"run_type\":\"task_v2\"}");
		SkyvernRun cua = read("{\"run_id\":\"tsk_2\",\"status\":\"running\",\"run_type\":\"anthropic_cua\"}");
		assertThat(workflowRun.runType()).isSameAs(RunType.WORKFLOW_RUN);
		assertThat(workflowRun.isWorkflowRun()).isTrue();
		assertThat(taskV1.runType()).isEqualTo(RunType.TASK_V1);
		assertThat(taskV1.isWorkflowRun()).isFalse();
		assertThat(taskV2.runType()).isEqualTo(RunType.TASK_V2);
		assertThat(taskV2.isWorkflowRun()).isFalse();
		assertThat(cua.runType().value()).isEqualTo("anthropic_cua");
		assertThat(cua.isWorkflowRun()).isFalse();
	}

	@Test
	void treatsRunWithoutRunTypeAsWorkflowRun() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"running\"}");
		assertThat(run.runType()).isNull();
		assertThat(run.isWorkflowRun()).isTrue();
	}

	@Test
	void readsTaskRunWithItsOwnRunRequest() {
		SkyvernRun run = read("""
				{"run_id": "tsk_v2_486305187432193600", "status": "completed", "run_type": "task_v2",
				 "output": {"title": "Example Domain"},
				 "created_at": "2026-08-22T18:30:00.160725", "modified_at": "2026-08-22T18:31:00.5",
				 "recording_archived": false, "step_count": 2,
				 "run_request": {"prompt": "Read the title", "url": "https://example.com", "engine": "skyvern-2.0",
				   "max_steps": 10, "proxy_location": "RESIDENTIAL", "run_with": "agent"}}
				""");
		assertThat(run.isWorkflowRun()).isFalse();
		assertThat(run.workflowId()).isNull();
		assertThat(run.runRequest().get("prompt").asString()).isEqualTo("Read the title");
		assertThat(run.output().get("title").asString()).isEqualTo("Example Domain");
		assertThat(run.stepCount()).isEqualTo(2);
	}

	@Test
	void readsWorkflowIdFromRunRequest() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"queued\",\"run_request\":"
				+ "{\"workflow_id\":\"wpid_42\",\"parameters\":{}}}");
		assertThat(run.workflowId()).isEqualTo("wpid_42");
	}

	@Test
	void readsWorkflowIdFromAgentIdInRunRequest() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"queued\",\"run_request\":{\"agent_id\":\"wpid_43\"}}");
		assertThat(run.workflowId()).isEqualTo("wpid_43");
	}

	@Test
	void hasNoWorkflowIdWithoutRunRequest() {
		assertThat(read("{\"run_id\":\"wr_1\",\"status\":\"queued\"}").workflowId()).isNull();
		assertThat(read("{\"run_id\":\"wr_1\",\"status\":\"queued\",\"run_request\":null}").workflowId()).isNull();
		assertThat(read("{\"run_id\":\"wr_1\",\"status\":\"queued\",\"run_request\":{\"workflow_id\":null}}")
			.workflowId()).isNull();
	}

	@Test
	void readsFullWorkflowRunResponseWithEveryField() throws IOException {
		SkyvernRun run = readResource("workflow-run-response-full.json");
		assertThat(run.runId()).isEqualTo("wr_486305187432193504");
		assertThat(run.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(run.isFinal()).isTrue();
		assertThat(run.output().at("/extract_invoice_output/extracted_information/invoice_number").asString())
			.isEqualTo("INV-2026-0042");
		assertThat(run.downloadedFiles()).containsExactly(
				new FileInfo("https://artifacts.skyvern.example/downloads/invoice.pdf?sig=abc",
						"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "invoice.pdf", 48213L,
						Instant.parse("2026-08-22T18:34:59.000001Z"), "a_486305187432193611"),
				new FileInfo("https://artifacts.skyvern.example/downloads/receipt.png?sig=def", null, null, null, null,
						null));
		assertThat(run.recordingUrl())
			.isEqualTo("https://artifacts.skyvern.example/wr_486305187432193504/recording.webm?sig=ghi");
		assertThat(run.recordingArchived()).isTrue();
		assertThat(run.screenshotUrls()).containsExactly(
				"https://artifacts.skyvern.example/wr_486305187432193504/final_1.png?sig=jkl",
				"https://artifacts.skyvern.example/wr_486305187432193504/final_2.png?sig=mno");
		assertThat(run.failureReason()).isNull();
		assertThat(run.createdAt()).isEqualTo(Instant.parse("2026-08-22T18:30:00.160725Z"));
		assertThat(run.modifiedAt()).isEqualTo(Instant.parse("2026-08-22T18:35:11.993138Z"));
		assertThat(run.queuedAt()).isEqualTo(Instant.parse("2026-08-22T18:30:00.371545Z"));
		assertThat(run.startedAt()).isEqualTo(Instant.parse("2026-08-22T18:30:02.391756Z"));
		assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-08-22T18:35:11.992815Z"));
		assertThat(run.appUrl())
			.isEqualTo("https://app.skyvern.com/workflows/wpid_486305187432193470/wr_486305187432193504");
		assertThat(run.browserSessionId()).isEqualTo("pbs_486305187432193481");
		assertThat(run.browserProfileId()).isEqualTo("bp_486305187432193492");
		assertThat(run.maxScreenshotScrolls()).isEqualTo(3);
		assertThat(run.scriptRun())
			.isEqualTo(new ScriptRun(true, "s_486305187432193520", "sr_486305187432193521"));
		assertThat(run.errors()).singleElement()
			.satisfies((error) -> assertThat(error.get("error_code").asString()).isEqualTo("LOGIN_RETRIED"));
		assertThat(run.stepCount()).isEqualTo(14);
		assertThat(run.runType()).isSameAs(RunType.WORKFLOW_RUN);
		assertThat(run.runWith()).isEqualTo("code");
		assertThat(run.aiFallback()).isTrue();
		assertThat(run.scriptId()).isEqualTo("s_486305187432193520");
		assertThat(run.browserSeedSource()).isEqualTo("override");
		assertThat(run.workflowId()).isEqualTo("wpid_486305187432193470");
		assertThat(run.runRequest().at("/proxy_location/city").asString()).isEqualTo("Berlin");
		assertThat(run.runRequest().at("/run_metadata/tenant").asString()).isEqualTo("acme");
	}

	@Test
	void readsMinimalRunWithDefaults() {
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"created\"}");
		assertThat(run.recordingArchived()).isFalse();
		assertThat(run.downloadedFiles()).isNull();
		assertThat(run.screenshotUrls()).isNull();
		assertThat(run.scriptRun()).isNull();
		assertThat(run.errors()).isNull();
		assertThat(run.stepCount()).isNull();
		assertThat(run.runRequest()).isNull();
	}

	@Test
	void readsNullsForEveryNullableField() {
		SkyvernRun run = read("""
				{"run_id": "wr_1", "status": "failed", "output": null, "downloaded_files": null,
				 "recording_url": null, "recording_archived": null, "screenshot_urls": null,
				 "failure_reason": "Login failed", "created_at": "2026-08-22T18:30:00", "modified_at": null,
				 "queued_at": null, "started_at": null, "finished_at": null, "app_url": null,
				 "browser_session_id": null, "browser_profile_id": null, "max_screenshot_scrolls": null,
				 "script_run": null, "errors": null, "step_count": null, "run_type": "workflow_run",
				 "run_with": null, "ai_fallback": null, "script_id": null, "browser_seed_source": null,
				 "run_request": null}
				""");
		assertThat(run.status()).isSameAs(RunStatus.FAILED);
		assertThat(run.failureReason()).isEqualTo("Login failed");
		assertThat(run.recordingArchived()).isFalse();
		assertThat(run.output().isNull()).isTrue();
		assertThat(run.scriptRun()).isNull();
		assertThat(run.runRequest()).isNull();
	}

	@Test
	void readsWebhookBodyWithLegacyKeys() throws IOException {
		// The body of a run-finished webhook as Skyvern's signing code produced it (webhook-vectors.json v2).
		SkyvernRun run = readResource("webhook-workflow-run-completed.json");
		assertThat(run.runId()).isEqualTo("wr_490440779503358000");
		assertThat(run.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(run.isWorkflowRun()).isTrue();
		assertThat(run.workflowId()).isEqualTo("wpid_490440779503357998");
		assertThat(run.output().at("/extract_invoice_output/extracted_information/currency").asString())
			.isEqualTo("USD");
		assertThat(run.stepCount()).isEqualTo(6);
		assertThat(run.createdAt()).isEqualTo(Instant.parse("2026-08-22T18:30:00.160725Z"));
		assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-08-22T18:35:11.992815Z"));
		assertThat(run.downloadedFiles()).extracting(FileInfo::filename).containsExactly("invoice.pdf");
		assertThat(run.errors()).isEmpty();
		assertThat(run.browserSeedSource()).isEqualTo("fresh");
		assertThat(run.scriptRun()).isNull();
	}

	@Test
	void readsLegacyOnlyWebhookKeysLeniently() {
		SkyvernRun run = read("""
				{"workflow_run_id": "wr_9", "workflow_id": "wpid_9", "agent_run_id": "wr_9", "agent_id": "wpid_9",
				 "outputs": {"block_1_output": [1, 2]}, "total_steps": 4, "workflow_title": "Legacy",
				 "task_v2": null, "total_cost": null, "credits_used": 4, "recording_urls": null,
				 "downloaded_file_urls": [], "run_id": "wr_9", "status": "terminated", "step_count": 4}
				""");
		assertThat(run.runId()).isEqualTo("wr_9");
		assertThat(run.status()).isSameAs(RunStatus.TERMINATED);
		assertThat(run.output().isNull()).isTrue();
		assertThat(run.stepCount()).isEqualTo(4);
	}

	@Test
	void rejectsRunWithoutRunId() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("{\"status\":\"completed\"}"))
			.withMessageContaining("run_id");
	}

	@Test
	void rejectsRunWithoutStatus() {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read("{\"run_id\":\"wr_7\"}"))
			.withMessageContaining("wr_7")
			.withMessageContaining("status");
	}

	@Test
	void readsAnswersNestedUpToTheLimitAndWritesThemBack() {
		String nested = "[".repeat(SkyvernJson.MAX_NESTING_DEPTH) + "]".repeat(SkyvernJson.MAX_NESTING_DEPTH);
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":" + nested + "}");
		assertThat(run.output().isArray()).isTrue();
		assertThat(SkyvernJson.mapper().writeValueAsString(run)).contains(nested);
		assertThat(run.outputAs(Object.class)).isInstanceOf(List.class);
	}

	@Test
	void rejectsAnswersNestedDeeperThanTheLimit() {
		int depth = SkyvernJson.MAX_NESTING_DEPTH + 1;
		assertThatExceptionOfType(StreamConstraintsException.class).isThrownBy(() -> read(
				"{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":" + "[".repeat(depth) + "]".repeat(depth) + "}"));
	}

	@Test
	void readsNumbersNamesAndStringsBeyondJacksonsDefaultLimits() {
		String digits = "7".repeat(5_000);
		String name = "n".repeat(60_000);
		SkyvernRun run = read("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":{\"" + name + "\":" + digits
				+ ",\"fraction\":1." + digits + "}}");
		assertThat(run.output().get(name).bigIntegerValue()).hasToString(digits);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"step_count\":2147483648", "\"created_at\":\"yesterday\"",
			"\"downloaded_files\":\"invoice.pdf\"", "\"recording_archived\":\"yes\"" })
	void staysStrictAboutWronglyTypedFieldsOfAnswers(String field) {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> read("{\"run_id\":\"wr_1\",\"status\":\"completed\"," + field + "}"));
	}

	private static SkyvernRun read(String json) {
		return SkyvernJson.mapper().readValue(json, SkyvernRun.class);
	}

	private static SkyvernRun readResource(String name) throws IOException {
		try (InputStream in = SkyvernRunParsingTests.class.getResourceAsStream("/skyvern/" + name)) {
			assertThat(in).as(name).isNotNull();
			return SkyvernJson.mapper().readValue(in, SkyvernRun.class);
		}
	}

	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Invoice(String invoiceNumber, double total) {

	}

}
