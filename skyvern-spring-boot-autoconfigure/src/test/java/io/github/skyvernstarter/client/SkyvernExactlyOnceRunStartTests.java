package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.support.RecordingScheduler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault tests for exactly-once workflow run starts, counted on the server side: a WireMock scenario
 * plays Skyvern creating (or not) the run before the start fails, and the tests count the POSTs it
 * received and check the run that came back. The grace period runs on a recording scheduler: asserted,
 * never waited for.
 */
class SkyvernExactlyOnceRunStartTests {

	private static final String KEY = "client-request-id";

	private static final Duration GRACE = Duration.ofSeconds(3);

	private static final String SCENARIO = "run start";

	private static final String CREATED = "created";

	private static final String RUNS = "/v1/run/agents";

	private static final String LOOKUP = "/v1/agents/wpid_1/runs";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static WireMockServer wiremock;

	private RecordingScheduler timer;

	private ReactiveSkyvernWorkflowTemplate reactive;

	@BeforeAll
	static void startServer() {
		wiremock = new WireMockServer(options().dynamicPort());
		wiremock.start();
	}

	@AfterAll
	static void stopServer() {
		wiremock.stop();
	}

	@BeforeEach
	void setUp() {
		wiremock.resetAll();
		this.timer = new RecordingScheduler();
		this.reactive = template(new RunStartSettings(true, KEY, GRACE));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(json(run("wr_1", "running"))));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_2")).willReturn(json(run("wr_2", "created"))));
		// The lookup finds the run once the scenario says Skyvern created it.
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(json("[]")));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs(CREATED)
			.willReturn(json("[" + listed("wr_1") + "]")));
	}

	@Test
	void serverErrorAfterTheRunWasCreatedReturnsThatRunWithOnePost() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo(CREATED));
		SkyvernRun run = this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block();
		assertThat(run.runId()).isEqualTo("wr_1");
		assertThat(posts()).hasSize(1);
		String requestId = requestId(posts().get(0));
		assertThat(requestId).hasSize(36);
		List<LoggedRequest> lookups = lookups();
		assertThat(lookups).hasSize(1);
		assertThat(lookups.get(0).queryParameter("tags").values()).containsExactly(KEY + ":" + requestId);
		assertThat(this.timer.delays()).containsExactly(GRACE);
	}

	@Test
	void serverErrorBeforeTheRunWasCreatedSendsTheStartAgainWithTheSameRequestId() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("refused once"));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs("refused once")
			.willReturn(json("[]")));
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs("refused once")
			.willReturn(json(run("wr_2", "created"))).willSetStateTo(CREATED));
		SkyvernRun run = this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block();
		assertThat(run.runId()).isEqualTo("wr_2");
		List<LoggedRequest> posts = posts();
		assertThat(posts).hasSize(2);
		assertThat(requestId(posts.get(1))).isEqualTo(requestId(posts.get(0)));
		assertThat(lookups()).hasSize(1);
	}

	@Test
	void connectionResetAfterSendingWhileTheServerCreatedTheRunReturnsThatRun() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo(CREATED));
		SkyvernRun run = this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block();
		assertThat(run.runId()).isEqualTo("wr_1");
		assertThat(posts()).hasSize(1);
	}

	@Test
	void responseTimeoutWhileTheServerStillCreatesTheRunReturnsThatRun() throws Exception {
		// The run exists from the moment the request arrived; the answer would come much later. The
		// response timeout runs on virtual time, moved past it once the server has the request.
		VirtualTimeScheduler clientTimer = VirtualTimeScheduler.create();
		SkyvernApiClient client = SkyvernApiClient.builder(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test").responseTimeout(Duration.ofSeconds(5)).timer(clientTimer).build();
		this.reactive = ReactiveSkyvernWorkflowTemplate.builder(client)
			.timer(this.timer)
			.runStartSettings(new RunStartSettings(true, KEY, GRACE))
			.build();
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(json(run("wr_1", "created")).withFixedDelay(10_000)).willSetStateTo(CREATED));
		CompletableFuture<SkyvernRun> run = this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build())
			.toFuture();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> wiremock.getAllScenarios().getScenarios().get(0).getState().equals(CREATED));
		clientTimer.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(run.get(10, TimeUnit.SECONDS).runId()).isEqualTo("wr_1");
		assertThat(posts()).hasSize(1);
		clientTimer.dispose();
	}

	@Test
	void failedLookupEndsInAnErrorCarryingTheRequestId() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(502)));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).atPriority(1).willReturn(aResponse().withStatus(500)));
		SkyvernRunStartUnknownException failure = catchThrowableOfType(SkyvernRunStartUnknownException.class,
				() -> this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block());
		String requestId = requestId(posts().get(0));
		assertThat(failure.getRequestId()).isEqualTo(requestId);
		assertThat(failure.getRequestIdKey()).isEqualTo(KEY);
		assertThat(failure.getWorkflowId()).isEqualTo("wpid_1");
		assertThat(failure.runMayHaveBeenCreated()).isTrue();
		assertThat(failure).hasMessageContaining(requestId)
			.hasMessageContaining("GET /v1/agents/wpid_1/runs?tags=" + KEY + ":" + requestId)
			.hasCauseInstanceOf(SkyvernServerException.class);
		assertThat(failure.getSuppressed()).hasAtLeastOneElementOfType(SkyvernServerException.class);
		assertThat(posts()).hasSize(1);
	}

	@Test
	void taggingNotEnabledCountsAsAFailedLookup() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(503)));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).atPriority(1)
			.willReturn(aResponse().withStatus(403)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"detail\":\"Workflow tagging is not enabled for this organization.\"}")));
		SkyvernRunStartUnknownException failure = catchThrowableOfType(SkyvernRunStartUnknownException.class,
				() -> this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block());
		assertThat(failure.getRequestId()).isEqualTo(requestId(posts().get(0)));
		assertThat(failure).hasCauseInstanceOf(SkyvernAuthenticationException.class)
			.hasMessageContaining("tagging is not enabled");
		assertThat(posts()).hasSize(1);
	}

	@Test
	void requestIdIsLeftOutWhenTheCallersRunMetadataIsFullAndTheFailureSurfacesUnchanged() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(503)));
		Map<String, String> metadata = new LinkedHashMap<>();
		for (int i = 0; i < 20; i++) {
			metadata.put("key" + i, "value" + i);
		}
		Throwable failure = catchThrowableOfType(SkyvernServerException.class, () -> this.reactive
			.runWorkflow(RunWorkflowRequest.builder("wpid_1").runMetadata(metadata).build())
			.block());
		assertThat(failure.getMessage()).contains("may or may not have been created");
		JsonNode sent = body(posts().get(0)).get("run_metadata");
		assertThat(sent.size()).isEqualTo(20);
		assertThat(sent.has(KEY)).isFalse();
		assertThat(lookups()).isEmpty();
	}

	@Test
	void aRequestIdTheCallerPutUnderTheKeyIsKept() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(500)).willSetStateTo(CREATED));
		this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").runMetadata(Map.of(KEY, "order-4711")).build())
			.block();
		assertThat(requestId(posts().get(0))).isEqualTo("order-4711");
		assertThat(lookups().get(0).queryParameter("tags").values()).containsExactly(KEY + ":order-4711");
	}

	@Test
	void startIsSentAtMostThreeTimesWhenNoLookupFindsARun() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(503)));
		catchThrowableOfType(SkyvernServerException.class,
				() -> this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block());
		assertThat(posts()).hasSize(1 + RunStartLookup.MAX_RESENDS);
		assertThat(lookups()).hasSize(1 + RunStartLookup.MAX_RESENDS);
	}

	@Test
	void foundRunIsWaitedForWhenTheCallAsksToWait() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(504)).willSetStateTo(CREATED));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).inScenario(SCENARIO).whenScenarioStateIs(CREATED)
			.willReturn(json(run("wr_1", "running"))).willSetStateTo("finished"));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).inScenario(SCENARIO).whenScenarioStateIs("finished")
			.willReturn(json(run("wr_1", "completed"))));
		// Waiting needs real timers (the recording one would end the wait at once); the grace period is 0.
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		this.reactive = ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(30), Duration.ofMillis(10)))
			.runStartSettings(new RunStartSettings(true, KEY, Duration.ZERO))
			.build();
		SkyvernRun run = new SkyvernWorkflowTemplate(this.reactive)
			.runWorkflow(RunWorkflowRequest.builder("wpid_1").waitForCompletion().build());
		assertThat(run.runId()).isEqualTo("wr_1");
		assertThat(run.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(posts()).hasSize(1);
	}

	@Test
	void clearFailuresAreNeitherLookedUpNorSentAgain() {
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Missing value for parameter a\"}")));
		catchThrowableOfType(SkyvernBadRequestException.class,
				() -> this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block());
		assertThat(posts()).hasSize(1);
		assertThat(lookups()).isEmpty();
	}

	@Test
	void turnedOffSendsNoRequestIdAndNeverLooksUp() {
		this.reactive = template(RunStartSettings.off());
		wiremock.stubFor(post(urlPathEqualTo(RUNS)).willReturn(aResponse().withStatus(503)));
		catchThrowableOfType(SkyvernServerException.class,
				() -> this.reactive.runWorkflow(RunWorkflowRequest.builder("wpid_1").build()).block());
		assertThat(body(posts().get(0)).has("run_metadata")).isFalse();
		assertThat(lookups()).isEmpty();
	}

	@Test
	void requestIdKeyAndRunMetadataFollowSkyvernsTagRules() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RunStartSettings(true, "skyvern-request", GRACE));
		assertThatIllegalArgumentException().isThrownBy(() -> new RunStartSettings(true, "request id", GRACE));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(Map.of("skyvern.source", "x")).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(Map.of("-lead", "x")).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(Map.of("k", "a,b")).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(Map.of("k", " ")).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(Map.of("k".repeat(65), "v")).build());
	}

	private ReactiveSkyvernWorkflowTemplate template(RunStartSettings settings) {
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		return ReactiveSkyvernWorkflowTemplate.builder(client).timer(this.timer).runStartSettings(settings).build();
	}

	private static List<LoggedRequest> posts() {
		return wiremock.findAll(postRequestedFor(urlPathEqualTo(RUNS)));
	}

	private static List<LoggedRequest> lookups() {
		return wiremock.findAll(getRequestedFor(urlPathEqualTo(LOOKUP)));
	}

	private static String requestId(LoggedRequest post) {
		return body(post).get("run_metadata").get(KEY).asText();
	}

	private static JsonNode body(LoggedRequest request) {
		try {
			return JSON.readTree(request.getBodyAsString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static String run(String runId, String status) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"run_type\":\"workflow_run\"}";
	}

	private static String listed(String runId) {
		return "{\"workflow_run_id\":\"" + runId + "\",\"workflow_id\":\"w_1\",\"workflow_permanent_id\":\"wpid_1\","
				+ "\"organization_id\":\"o_1\",\"status\":\"created\",\"created_at\":\"2026-08-22T18:30:00\","
				+ "\"modified_at\":\"2026-08-22T18:30:00\"}";
	}

}
