package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Fault tests for exactly-once task starts, counted on the server side: 1.0-family task starts carry
 * their client request id as a token in their title, and an ambiguous failure is looked up with
 * {@code GET /v1/runs?search_key=token}; skyvern-2.0 tasks (which ignore the title) are never sent again.
 * A WireMock scenario plays Skyvern creating (or not) the run before the start fails; the listing echoes
 * the token back in the title of the run it lists, as Skyvern's substring search would find it.
 */
class SkyvernExactlyOnceTaskStartTests {

	private static final String KEY = "client-request-id";

	private static final Duration GRACE = Duration.ofSeconds(3);

	private static final String SCENARIO = "task start";

	private static final String CREATED = "created";

	private static final String TASKS = "/v1/run/tasks";

	private static final String LOOKUP = "/v1/runs";

	private static final String TOKEN = "\\[client-request-id:[0-9a-f-]{36}\\]";

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
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/tsk_1")).willReturn(json(task("tsk_1", "running"))));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/tsk_2")).willReturn(json(task("tsk_2", "created"))));
		// The lookup finds the run, its title carrying the token searched for, once Skyvern created it.
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(json("[]")));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs(CREATED)
			.willReturn(json("[" + listed("tsk_1", "task_v1", "Find it {{request.query.search_key}}") + "]")
				.withTransformers("response-template")));
	}

	@Test
	void serverErrorAfterTheTaskWasCreatedReturnsThatRunWithOnePost() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo(CREATED));
		SkyvernRun run = this.reactive.runTask(TaskRunRequest.builder("Find it").title("Find it").build()).block();
		assertThat(run.runId()).isEqualTo("tsk_1");
		assertThat(posts()).hasSize(1);
		String title = title(posts().get(0));
		assertThat(title).matches("Find it " + TOKEN);
		String token = title.substring("Find it ".length());
		List<LoggedRequest> lookups = lookups();
		assertThat(lookups).hasSize(1);
		assertThat(lookups.get(0).queryParameter("search_key").values()).containsExactly(token);
		// Cloud may run a 1.0 task as task_v3: the lookup does not filter on run_type.
		assertThat(lookups.get(0).queryParameter("run_type").isPresent()).isFalse();
		assertThat(wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/runs/tsk_1")))).hasSize(1);
		assertThat(this.timer.delays()).containsExactly(GRACE);
	}

	@Test
	void serverErrorBeforeTheTaskWasCreatedSendsItAgainWithTheSameToken() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("refused once"));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs("refused once")
			.willReturn(json("[]")));
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs("refused once")
			.willReturn(json(task("tsk_2", "created"))).willSetStateTo(CREATED));
		SkyvernRun run = this.reactive.runTask(TaskRunRequest.builder("Find it").build()).block();
		assertThat(run.runId()).isEqualTo("tsk_2");
		List<LoggedRequest> posts = posts();
		assertThat(posts).hasSize(2);
		assertThat(title(posts.get(0))).matches(TOKEN).isEqualTo(title(posts.get(1)));
		assertThat(lookups()).hasSize(1);
	}

	@Test
	void connectionResetAfterSendingWhileTheServerCreatedTheTaskReturnsThatRun() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo(CREATED));
		SkyvernRun run = this.reactive.runTask(TaskRunRequest.builder("Find it").engine("skyvern-3.0").build())
			.block();
		assertThat(run.runId()).isEqualTo("tsk_1");
		assertThat(posts()).hasSize(1);
	}

	@Test
	void responseTimeoutWhileTheServerStillCreatesTheTaskReturnsThatRun() throws Exception {
		VirtualTimeScheduler clientTimer = VirtualTimeScheduler.create();
		SkyvernApiClient client = SkyvernApiClient.builder(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test").responseTimeout(Duration.ofSeconds(5)).timer(clientTimer).build();
		this.reactive = ReactiveSkyvernWorkflowTemplate.builder(client)
			.timer(this.timer)
			.runStartSettings(new RunStartSettings(true, KEY, GRACE))
			.build();
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(json(task("tsk_1", "created")).withFixedDelay(10_000)).willSetStateTo(CREATED));
		CompletableFuture<SkyvernRun> run = this.reactive.runTask(TaskRunRequest.builder("Find it").build()).toFuture();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> wiremock.getAllScenarios().getScenarios().get(0).getState().equals(CREATED));
		clientTimer.advanceTimeBy(Duration.ofSeconds(5));
		assertThat(run.get(10, TimeUnit.SECONDS).runId()).isEqualTo("tsk_1");
		assertThat(posts()).hasSize(1);
		clientTimer.dispose();
	}

	@Test
	void failedLookupEndsInAnErrorCarryingTheRequestIdAndTheToken() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(aResponse().withStatus(502)));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).atPriority(1).willReturn(aResponse().withStatus(500)));
		SkyvernRunStartUnknownException failure = catchThrowableOfType(SkyvernRunStartUnknownException.class,
				() -> this.reactive.runTask(TaskRunRequest.builder("Find it").build()).block());
		String token = title(posts().get(0));
		assertThat(failure.getTitleToken()).isEqualTo(token);
		assertThat(token).isEqualTo("[" + KEY + ":" + failure.getRequestId() + "]");
		assertThat(failure.getRequestIdKey()).isEqualTo(KEY);
		assertThat(failure.getWorkflowId()).isNull();
		assertThat(failure.runMayHaveBeenCreated()).isTrue();
		assertThat(failure).hasMessageContaining("GET /v1/runs?search_key=" + token)
			.hasCauseInstanceOf(SkyvernServerException.class);
		assertThat(failure.getSuppressed()).hasAtLeastOneElementOfType(SkyvernServerException.class);
		assertThat(posts()).hasSize(1);
	}

	@Test
	void listedRunsWhoseTitleLacksTheExactTokenAreNotTaken() throws Exception {
		// Virtual time holds the start in its grace period while the test lists decoys for its token.
		CountingVirtualTimeScheduler virtualTime = new CountingVirtualTimeScheduler();
		this.reactive = template(new RunStartSettings(true, KEY, GRACE), virtualTime);
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("refused once"));
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs("refused once")
			.willReturn(json(task("tsk_2", "created"))));
		CompletableFuture<SkyvernRun> run = this.reactive.runTask(TaskRunRequest.builder("Find it").build()).toFuture();
		virtualTime.awaitPending(1);
		String token = title(posts().get(0));
		String id = token.substring(KEY.length() + 2, token.length() - 1);
		// search_key matches substrings of titles, URLs and ids, whatever their case.
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).atPriority(1).willReturn(json("["
				+ listed("tsk_longer", "task_v1", "[" + KEY + ":" + id + "-2]") + ","
				+ listed("tsk_other_key", "task_v1", "[order-id:" + id + "]") + ","
				+ listed("tsk_upper", "task_v1", token.toUpperCase(java.util.Locale.ROOT)) + ","
				+ listed("tsk_untitled", "task_v1", null) + "]")));
		virtualTime.advanceTimeBy(GRACE);
		assertThat(run.get(10, TimeUnit.SECONDS).runId()).isEqualTo("tsk_2");
		assertThat(posts()).hasSize(2);
		assertThat(lookups()).hasSize(1);
		assertThat(wiremock.findAll(getRequestedFor(urlPathMatching("/v1/runs/tsk_.*")))).isEmpty();
	}

	@Test
	void foundTaskIsWaitedForWhenTheCallAsksToWait() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).inScenario(SCENARIO).whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(504)).willSetStateTo(CREATED));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/tsk_1")).inScenario(SCENARIO).whenScenarioStateIs(CREATED)
			.willReturn(json(task("tsk_1", "running"))).willSetStateTo("finished"));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/tsk_1")).inScenario(SCENARIO).whenScenarioStateIs("finished")
			.willReturn(json(task("tsk_1", "completed"))));
		wiremock.stubFor(get(urlPathEqualTo(LOOKUP)).inScenario(SCENARIO).whenScenarioStateIs("finished")
			.willReturn(json("[]")));
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		this.reactive = ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(30), Duration.ofMillis(10)))
			.runStartSettings(new RunStartSettings(true, KEY, Duration.ZERO))
			.build();
		SkyvernRun run = new SkyvernWorkflowTemplate(this.reactive)
			.runTask(TaskRunRequest.builder("Find it").waitForCompletion(Duration.ofSeconds(30)).build());
		assertThat(run.runId()).isEqualTo("tsk_1");
		assertThat(run.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(posts()).hasSize(1);
	}

	@Test
	void engineTwoPointZeroTaskIsNeitherTitledNorLookedUpNorSentAgain() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(aResponse().withStatus(503)));
		SkyvernServerException failure = catchThrowableOfType(SkyvernServerException.class, () -> this.reactive
			.runTask(TaskRunRequest.builder("Log in").engine("skyvern-2.0").title("Login").build())
			.block());
		assertThat(failure.runMayHaveBeenCreated()).isTrue();
		assertThat(posts()).hasSize(1);
		assertThat(title(posts().get(0))).isEqualTo("Login");
		assertThat(lookups()).isEmpty();
	}

	@Test
	void publishWorkflowForcesTwoPointZeroSoTheTaskIsNeitherTitledNorLookedUp() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(aResponse().withStatus(503)));
		SkyvernServerException failure = catchThrowableOfType(SkyvernServerException.class, () -> this.reactive
			.runTask(TaskRunRequest.builder("Log in").flag("publish_workflow", true).build())
			.block());
		assertThat(failure.runMayHaveBeenCreated()).isTrue();
		assertThat(posts()).hasSize(1);
		assertThat(body(posts().get(0)).has("title")).isFalse();
		assertThat(lookups()).isEmpty();
	}

	@Test
	void titleTokenTurnedOffSendsTheTitleAsItIsAndNeverLooksUp() {
		this.reactive = template(new RunStartSettings(true, KEY, GRACE, false));
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(aResponse().withStatus(503)));
		catchThrowableOfType(SkyvernServerException.class,
				() -> this.reactive.runTask(TaskRunRequest.builder("Find it").title("Prices").build()).block());
		catchThrowableOfType(SkyvernServerException.class,
				() -> this.reactive.runTask(TaskRunRequest.builder("Find it").build()).block());
		assertThat(title(posts().get(0))).isEqualTo("Prices");
		assertThat(body(posts().get(1)).has("title")).isFalse();
		assertThat(posts()).hasSize(2);
		assertThat(lookups()).isEmpty();
	}

	@Test
	void exactlyOnceTurnedOffSendsNoTitleToken() {
		this.reactive = template(RunStartSettings.off());
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(json(task("tsk_1", "created"))));
		this.reactive.runTask(TaskRunRequest.builder("Find it").build()).block();
		assertThat(body(posts().get(0)).has("title")).isFalse();
	}

	@Test
	void aTitleFromTheCallsOptionsWinsAndTheTaskIsNotLookedUp() {
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(aResponse().withStatus(503)));
		catchThrowableOfType(SkyvernServerException.class, () -> this.reactive
			.runTask(TaskRunRequest.builder("Find it").build(),
					RequestOptions.builder().bodyParameter("title", "From options").build())
			.block());
		assertThat(title(posts().get(0))).isEqualTo("From options");
		assertThat(lookups()).isEmpty();
	}

	private ReactiveSkyvernWorkflowTemplate template(RunStartSettings settings) {
		return template(settings, this.timer);
	}

	private static ReactiveSkyvernWorkflowTemplate template(RunStartSettings settings,
			reactor.core.scheduler.Scheduler timer) {
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		return ReactiveSkyvernWorkflowTemplate.builder(client).timer(timer).runStartSettings(settings).build();
	}

	private static List<LoggedRequest> posts() {
		return wiremock.findAll(postRequestedFor(urlPathEqualTo(TASKS)));
	}

	private static List<LoggedRequest> lookups() {
		return wiremock.findAll(getRequestedFor(urlPathEqualTo(LOOKUP)));
	}

	private static String title(LoggedRequest post) {
		return body(post).get("title").asText();
	}

	private static JsonNode body(LoggedRequest request) {
		try {
			return JSON.readTree(request.getBodyAsString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static String task(String runId, String status) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"run_type\":\"task_v1\"}";
	}

	private static String listed(String runId, String runType, String title) {
		return "{\"task_run_id\":\"tr_" + runId + "\",\"run_id\":\"" + runId + "\",\"task_run_type\":\"" + runType
				+ "\",\"status\":\"created\",\"title\":" + ((title != null) ? "\"" + title + "\"" : "null")
				+ ",\"started_at\":null,\"finished_at\":null,\"created_at\":\"2026-08-22T18:30:00\","
				+ "\"workflow_permanent_id\":null,\"workflow_deleted\":false,\"script_run\":false,"
				+ "\"trigger_type\":\"api\"}";
	}

}
