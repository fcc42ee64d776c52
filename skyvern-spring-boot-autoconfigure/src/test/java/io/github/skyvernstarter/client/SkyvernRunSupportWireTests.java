package io.github.skyvernstarter.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.model.WorkflowParameterDefinition;
import io.github.skyvernstarter.observation.ObservationSkyvernInstrumentation;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import io.github.skyvernstarter.support.RecordingScheduler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Wire tests for the run support operations (timeline, artifacts, retry, bulk cancel, workflows,
 * verification codes) on both faces: what a WireMock server received, how its answers are read, which
 * failures are retried, and the observation each call makes.
 */
class SkyvernRunSupportWireTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String KEY = "sk-support-key-7d2e";

	private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final RecordingScheduler retryDelays = new RecordingScheduler();

	private final CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();

	private final List<String> retries = new ArrayList<>();

	private ReactiveSkyvernWorkflowTemplate reactive;

	private SkyvernWorkflowTemplate template;

	@BeforeEach
	void setUp() {
		DefaultSkyvernRetryPolicy policy = DefaultSkyvernRetryPolicy.builder()
			.initialDelay(Duration.ofMillis(10))
			.jitter(Duration.ZERO)
			.scheduler(this.retryDelays)
			.listener((operation, failure, retry, delay) -> this.retries.add(operation.operationName() + "#" + retry))
			.build();
		SkyvernApiClient client = SkyvernApiClient.builder(WebClient.builder().baseUrl(skyvern.baseUrl()).build(), KEY)
			.maxRetries(2)
			.retryPolicy(policy)
			.clock(Clock.fixed(Instant.parse("2026-08-22T18:30:00Z"), ZoneOffset.UTC))
			.build();
		this.reactive = ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(5), POLL_INTERVAL))
			.timer(this.timer)
			.instrumentation(new ObservationSkyvernInstrumentation(this.observations))
			.build();
		this.template = new SkyvernWorkflowTemplate(this.reactive);
	}

	// Timeline: GET /v1/runs/{runId}/timeline

	@Test
	void timelineIsReadWithNestedEntriesAndTheFirstFailedBlock() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1/timeline")).willReturn(okJson("""
				[{"type":"block","created_at":"2026-08-22T18:31:00.5","modified_at":"2026-08-22T18:31:02",
				  "block":{"workflow_run_block_id":"wrb_1","workflow_run_id":"wr_1","block_type":"for_loop",
				    "label":"each_invoice","status":"failed","created_at":"2026-08-22T18:31:00","modified_at":"2026-08-22T18:31:02"},
				  "children":[{"type":"block","created_at":"2026-08-22T18:31:01","modified_at":"2026-08-22T18:31:02",
				    "block":{"workflow_run_block_id":"wrb_2","workflow_run_id":"wr_1","block_type":"download_to_s3",
				      "status":"failed","failure_reason":"Login page asked for a code","error_codes":["LOGIN_2FA"],
				      "output":{"pages":2},"created_at":"2026-08-22T18:31:01","modified_at":"2026-08-22T18:31:02"}},
				    {"type":"thought","created_at":"2026-08-22T18:31:01Z","modified_at":"2026-08-22T18:31:01Z",
				     "thought":{"thought_id":"ot_1","thought":"The page wants a one-time code","thought_type":"plan",
				       "created_at":"2026-08-22T18:31:01Z","modified_at":"2026-08-22T18:31:01Z","new_field":1}}]}]
				""")));
		List<RunTimelineEntry> timeline = this.template.getRunTimeline("wr_1");
		assertThat(timeline).singleElement().satisfies((entry) -> {
			assertThat(entry.isBlockEntry()).isTrue();
			assertThat(entry.createdAt()).isEqualTo(Instant.parse("2026-08-22T18:31:00.500Z"));
			assertThat(entry.children()).hasSize(2);
			assertThat(entry.children().get(1).thought().thought()).isEqualTo("The page wants a one-time code");
			assertThat(entry.children().get(1).children()).isEmpty();
		});
		// The loop failed because of its child: the child is the first failed block found depth first.
		assertThat(timeline.get(0).firstFailedBlock().label()).isEqualTo("each_invoice");
		assertThat(timeline.get(0).children().get(0).firstFailedBlock().failureReason())
			.isEqualTo("Login page asked for a code");
		assertThat(timeline.get(0).children().get(0).block().output().get("pages").asInt()).isEqualTo(2);
		assertThat(onlyRequest().getHeader("x-api-key")).isEqualTo(KEY);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("skyvern.operation")
			.that()
			.hasLowCardinalityKeyValue("skyvern.operation", "timeline")
			.hasHighCardinalityKeyValue("skyvern.run.id", "wr_1");
	}

	@Test
	void timelineOfATaskRunIsABadRequestAndIsNotRetried() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/tsk_1/timeline")).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Timeline not available for this run type\"}")));
		assertThatExceptionOfType(SkyvernBadRequestException.class)
			.isThrownBy(() -> this.template.getRunTimeline("tsk_1"))
			.withMessageContaining("Timeline not available");
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/tsk_1/timeline")));
	}

	@Test
	void timelineIsRetriedOn503() {
		sequence("/v1/runs/wr_1/timeline", false, aResponse().withStatus(503), okJson("[]"));
		assertThat(this.reactive.getRunTimeline("wr_1").block()).isEmpty();
		assertThat(this.retries).containsExactly("timeline#1");
	}

	// Artifacts: GET /v1/runs/{runId}/artifacts

	@Test
	void artifactsAreFilteredByRepeatedTypeParametersAndRead() {
		skyvern.stubFor(get(urlPathEqualTo("/v1/runs/wr_1/artifacts")).willReturn(okJson("""
				[{"artifact_id":"a_1","artifact_type":"download","uri":"s3://bucket/o/invoice.pdf",
				  "signed_url":"https://storage.example.com/invoice.pdf?X-Amz-Signature=abc","checksum":"ab12",
				  "file_size":1234,"archived":false,"organization_id":"o_1",
				  "created_at":"2026-08-22T18:31:00.160725","modified_at":"not a date"},
				 {"artifact_id":"a_2","artifact_type":"hologram","uri":"file:///tmp/x","organization_id":"o_1",
				  "created_at":"2026-08-22T18:31:00","modified_at":"2026-08-22T18:31:00"}]
				""")));
		List<Artifact> artifacts = this.template.getRunArtifacts("wr_1", ArtifactType.DOWNLOAD, ArtifactType.RECORDING,
				ArtifactType.DOWNLOAD);
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1/runs/wr_1/artifacts?artifact_type=download&artifact_type=recording");
		assertThat(artifacts).hasSize(2);
		assertThat(artifacts.get(0).artifactType()).isEqualTo(ArtifactType.DOWNLOAD);
		assertThat(artifacts.get(0).fileSize()).isEqualTo(1234L);
		assertThat(artifacts.get(0).createdAt()).isEqualTo(Instant.parse("2026-08-22T18:31:00.160725Z"));
		assertThat(artifacts.get(0).modifiedAt()).isNull();
		assertThat(artifacts.get(1).artifactType().value()).isEqualTo("hologram");
	}

	@Test
	void artifactsWithoutTypesSendNoQueryAndAnUnknownRunHasNone() {
		skyvern.stubFor(get(urlPathEqualTo("/v1/runs/wr_unknown/artifacts")).willReturn(okJson("[]")));
		assertThat(this.reactive.getRunArtifacts("wr_unknown").block()).isEmpty();
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1/runs/wr_unknown/artifacts");
	}

	// Retry: POST /v1/agents/runs/{runId}/retry

	@Test
	void retryPostsWithoutBodyAndReturnsTheNewRun() {
		skyvern.stubFor(post(urlEqualTo("/v1/agents/runs/wr_1/retry"))
			.willReturn(okJson(SkyvernTestRuns.run("wr_2", "created"))));
		SkyvernRun run = this.template.retryRun(RetryRunRequest.of("wr_1").withMaxStepsOverride(12),
				RequestOptions.none());
		assertThat(run.runId()).isEqualTo("wr_2");
		assertThat(run.status()).isEqualTo(RunStatus.CREATED);
		LoggedRequest request = onlyRequest();
		assertThat(request.getBodyAsString()).isEmpty();
		assertThat(request.getHeader("x-max-steps-override")).isEqualTo("12");
		assertThat(request.getHeader("x-api-key")).isEqualTo(KEY);
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("skyvern.operation")
			.that()
			.hasLowCardinalityKeyValue("skyvern.operation", "retry")
			.hasHighCardinalityKeyValue("skyvern.run.id", "wr_2");
	}

	@Test
	void retryIsNeverSentAgainAfterAnAmbiguousFailure() {
		skyvern.stubFor(post(urlEqualTo("/v1/agents/runs/wr_1/retry")).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(SkyvernServerException.class).isThrownBy(() -> this.template.retryRun("wr_1"));
		skyvern.verify(1, postRequestedFor(urlEqualTo("/v1/agents/runs/wr_1/retry")));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void retryIsSentAgainAfter429BecauseNothingWasCreated() {
		sequence("/v1/agents/runs/wr_1/retry", true, aResponse().withStatus(429),
				okJson(SkyvernTestRuns.run("wr_2", "queued")));
		assertThat(this.template.retryRun("wr_1").runId()).isEqualTo("wr_2");
		assertThat(this.retries).containsExactly("retry#1");
	}

	@Test
	void retryOfAnUnknownRunIsNotFound() {
		skyvern.stubFor(post(urlEqualTo("/v1/agents/runs/wr_gone/retry")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Workflow run wr_gone not found\"}")));
		assertThatExceptionOfType(SkyvernNotFoundException.class).isThrownBy(() -> this.template.retryRun("wr_gone"));
	}

	@Test
	void retryWithWaitPollsTheNewRunUntilItsFinalStatus() {
		skyvern.stubFor(post(urlEqualTo("/v1/agents/runs/wr_1/retry"))
			.willReturn(okJson(SkyvernTestRuns.run("wr_2", "created"))));
		sequence("/v1/runs/wr_2", false, okJson(SkyvernTestRuns.run("wr_2", "running")),
				okJson(SkyvernTestRuns.run("wr_2", "completed")));
		SkyvernRun finished = this.timer.drive(
				() -> this.template.retryRun(RetryRunRequest.of("wr_1").withWait(Duration.ofMinutes(1)),
						RequestOptions.none()),
				POLL_INTERVAL, 2);
		assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
		skyvern.verify(1, postRequestedFor(urlEqualTo("/v1/agents/runs/wr_1/retry")));
		skyvern.verify(2, getRequestedFor(urlEqualTo("/v1/runs/wr_2")));
	}

	// Bulk cancel: POST /v1/runs/cancel

	@Test
	void cancelRunsSendsEachIdOnceAndTellsWhichWereCancelled() {
		skyvern.stubFor(post(urlEqualTo("/v1/runs/cancel"))
			.willReturn(okJson("{\"cancelled\":[\"wr_1\"],\"failed\":[\"tsk_9\"]}")));
		CancelRunsResult result = this.template.cancelRuns(List.of("wr_1", "tsk_9", "wr_1"));
		assertThat(result.cancelled()).containsExactly("wr_1");
		assertThat(result.failed()).containsExactly("tsk_9");
		assertThat(result.allCancelled()).isFalse();
		assertThat(body(onlyRequest())).isEqualTo(json("{\"run_ids\":[\"wr_1\",\"tsk_9\"]}"));
	}

	@Test
	void cancelRunsSplitsMoreThanAHundredIdsIntoBatches() {
		skyvern.stubFor(post(urlEqualTo("/v1/runs/cancel")).willReturn(okJson("{\"cancelled\":[\"x\"],\"failed\":[]}")));
		List<String> ids = IntStream.range(0, 150).mapToObj((i) -> "wr_" + i).toList();
		CancelRunsResult result = this.template.cancelRuns(ids);
		List<LoggedRequest> requests = skyvern.findAll(postRequestedFor(urlEqualTo("/v1/runs/cancel")));
		assertThat(requests).hasSize(2);
		assertThat(body(requests.get(0)).get("run_ids")).hasSize(100);
		assertThat(body(requests.get(1)).get("run_ids")).hasSize(50);
		assertThat(result.cancelled()).hasSize(2);
	}

	@Test
	void cancelRunsOfNothingSendsNothing() {
		assertThat(this.template.cancelRuns(List.of()).allCancelled()).isTrue();
		assertThat(skyvern.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	// Workflows: GET /v1/agents/{workflowId}, GET /v1/agents

	@Test
	void workflowIsReadWithItsInputParameters() {
		skyvern.stubFor(get(urlPathEqualTo("/v1/agents/wpid_1")).willReturn(okJson("""
				{"workflow_id":"w_3","workflow_permanent_id":"wpid_1","version":3,"title":"Invoices",
				 "organization_id":"o_1","is_saved_task":false,"created_at":"2026-08-22T18:00:00",
				 "modified_at":"2026-08-22T18:00:00","totp_verification_url":"https://app.example.com/skyvern/totp",
				 "workflow_definition":{"parameters":[
				   {"parameter_type":"workflow","key":"month","workflow_parameter_type":"string","default_value":null},
				   {"parameter_type":"workflow","key":"max_pages","workflow_parameter_type":"integer","default_value":5},
				   {"parameter_type":"workflow","key":"login","workflow_parameter_type":"credential_id"},
				   {"parameter_type":"output","key":"download_output"}],
				  "blocks":[{"block_type":"navigation","label":"open"}]}}
				""")));
		Workflow workflow = this.template.getWorkflow("wpid_1", 3, RequestOptions.none());
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1/agents/wpid_1?version=3");
		assertThat(workflow.version()).isEqualTo(3);
		assertThat(workflow.inputParameters()).extracting(WorkflowParameterDefinition::key)
			.containsExactly("month", "max_pages", "login");
		assertThat(workflow.inputParameters()).extracting(WorkflowParameterDefinition::isRequired)
			.containsExactly(true, false, false);
		assertThat(workflow.inputParameters().get(1).defaultValue().asInt()).isEqualTo(5);
		assertThat(workflow.workflowDefinition().blocks().get(0).get("label").asString()).isEqualTo("open");
	}

	@Test
	void unknownWorkflowIsNotFoundWithoutNamingARun() {
		skyvern.stubFor(get(urlPathEqualTo("/v1/agents/wpid_x")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Workflow not found\"}")));
		assertThatExceptionOfType(SkyvernNotFoundException.class).isThrownBy(() -> this.template.getWorkflow("wpid_x"))
			.satisfies((ex) -> assertThat(ex.getRunId()).isNull());
	}

	@Test
	void workflowsAreListedWithPagingSearchAndStatuses() {
		skyvern.stubFor(get(urlPathEqualTo("/v1/agents"))
			.willReturn(okJson("[{\"workflow_permanent_id\":\"wpid_1\",\"title\":\"Invoices\"}]")));
		List<Workflow> workflows = this.template.listWorkflows(ListWorkflowsRequest.firstPage()
			.withPage(2, 25)
			.withSearchKey("invoice")
			.withStatuses("published", "draft"));
		assertThat(onlyRequest().getUrl())
			.isEqualTo("/v1/agents?page=2&page_size=25&search_key=invoice&status=published&status=draft");
		assertThat(workflows).singleElement().satisfies((workflow) -> {
			assertThat(workflow.title()).isEqualTo("Invoices");
			assertThat(workflow.inputParameters()).isEmpty();
		});
	}

	// Verification codes: POST /v1/credentials/totp

	@Test
	void verificationCodeIsSentWithWhatItIsFor() {
		skyvern.stubFor(post(urlEqualTo("/v1/credentials/totp")).willReturn(okJson("""
				{"totp_code_id":"totp_1","code":"123456","otp_type":"totp","totp_identifier":"billing@example.com",
				 "content":"123456","organization_id":"o_1","created_at":"2026-08-22T18:31:00",
				 "modified_at":"2026-08-22T18:31:00"}
				""")));
		SentVerificationCode sent = this.template.sendVerificationCode(
				VerificationCodeRequest.of("billing@example.com", "123456")
					.withWorkflowRunId("wr_1")
					.withSource("sms")
					.withExpiredAt(Instant.parse("2026-08-22T18:40:00Z")));
		assertThat(sent.code()).isEqualTo("123456");
		assertThat(sent.isPending()).isFalse();
		assertThat(sent.toString()).doesNotContain("123456");
		assertThat(body(onlyRequest())).isEqualTo(json("""
				{"totp_identifier":"billing@example.com","content":"123456","workflow_run_id":"wr_1",
				 "source":"sms","expired_at":"2026-08-22T18:40:00Z"}
				"""));
	}

	@Test
	void verificationCodeNotFoundInTheContentIsPending() {
		skyvern.stubFor(post(urlEqualTo("/v1/credentials/totp"))
			.willReturn(okJson("{\"totp_code_id\":\"totp_2\",\"code\":\"\",\"status\":\"raw_pending\"}")));
		SentVerificationCode sent = this.reactive
			.sendVerificationCode(VerificationCodeRequest.of("billing@example.com", "Your statement is ready"))
			.block();
		assertThat(sent.isPending()).isTrue();
		assertThat(sent.status()).isEqualTo("raw_pending");
	}

	@Test
	void verificationCodeRequestRejectsAPermanentWorkflowId() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new VerificationCodeRequest("id", "1234", null, null, "wpid_1", null, null))
			.withMessageContaining("w_...");
	}

	private static void sequence(String url, boolean post, ResponseDefinitionBuilder... responses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < responses.length; i++) {
			String next = "step-" + (i + 1);
			skyvern.stubFor(((post) ? post(urlEqualTo(url)) : get(urlEqualTo(url))).inScenario(url)
				.whenScenarioStateIs(state)
				.willReturn(responses[i])
				.willSetStateTo(next));
			state = next;
		}
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = skyvern.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static JsonNode body(LoggedRequest request) {
		return JSON.readTree(request.getBodyAsString());
	}

	private static JsonNode json(String json) {
		return JSON.readTree(json);
	}

}
