package io.github.skyvernstarter.observation;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import io.github.skyvernstarter.support.RecordingScheduler;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.search.MeterNotFoundException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.ObservationContextAssert;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ObservationSkyvernInstrumentation} and {@link MicrometerSkyvernMetrics}: the
 * observations and meters of each operation and outcome, against a WireMock Skyvern.
 */
class ObservationSkyvernInstrumentationTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

	/** Polls and wait timeouts run on virtual time; retries are recorded and skipped. */
	private final CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();

	private SkyvernWorkflowTemplate template = template(skyvern.baseUrl(), true);

	/** Run a wait whose polls go to WireMock, moving virtual time on while it is parked between polls. */
	private <T> T onVirtualTime(Callable<T> wait) {
		return this.timer.drive(wait, POLL_INTERVAL, 2);
	}

	private SkyvernWorkflowTemplate template(String baseUrl, boolean workflowIdTag) {
		return template(baseUrl, null, workflowIdTag);
	}

	private SkyvernWorkflowTemplate template(String baseUrl,
			@Nullable SkyvernOperationObservationConvention customConvention, boolean workflowIdTag) {
		MicrometerSkyvernMetrics metrics = new MicrometerSkyvernMetrics(this.meters, workflowIdTag);
		DefaultSkyvernRetryPolicy retryPolicy = DefaultSkyvernRetryPolicy.builder()
			.initialDelay(Duration.ofMillis(5))
			.jitter(Duration.ZERO)
			.maxRetryAfter(Duration.ofMillis(50))
			.scheduler(new RecordingScheduler())
			.listener(metrics)
			.build();
		// What Boot's ObservationWebClientCustomizer does to the builder the starter uses.
		WebClient webClient = WebClient.builder().baseUrl(baseUrl).observationRegistry(this.observations).build();
		SkyvernApiClient client = SkyvernApiClient.builder(webClient, "sk-observed")
			.responseTimeout(Duration.ofSeconds(5))
			.maxRetries(2)
			.retryPolicy(retryPolicy)
			.build();
		return new SkyvernWorkflowTemplate(ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(5), POLL_INTERVAL))
			.timer(this.timer)
			.instrumentation(new ObservationSkyvernInstrumentation(this.observations,
					new DefaultSkyvernOperationObservationConvention(workflowIdTag), customConvention, metrics))
			.build());
	}

	static String run(String runId, String status, boolean finished) {
		return """
				{"run_id":"%s","status":"%s","output":null,"created_at":"2026-08-22T18:30:00",\
				"modified_at":"2026-08-22T18:31:00",%s"run_type":"workflow_run",\
				"run_request":{"workflow_id":"wpid_test"}}""".formatted(runId, status,
				finished ? "\"finished_at\":\"2026-08-22T18:31:30.5\"," : "");
	}

	private static ResponseDefinitionBuilder runAnswer(String runId, String status) {
		return okJson(run(runId, status, RunStatus.of(status).isFinal()));
	}

	private void stubPolls(String runId, String... statuses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < statuses.length; i++) {
			String next = "poll-" + (i + 1);
			skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId)).inScenario(runId)
				.whenScenarioStateIs(state)
				.willReturn(runAnswer(runId, statuses[i]))
				.willSetStateTo(next));
			state = next;
		}
	}

	private List<Observation.Context> contexts(String name) {
		List<Observation.Context> found = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasHandledContextsThatSatisfy((contexts) -> contexts.stream()
				.filter((context) -> name.equals(context.getName()))
				.forEach(found::add));
		return found;
	}

	private Observation.Context operation(String operation) {
		List<Observation.Context> found = contexts("skyvern.operation").stream()
			.filter((context) -> context.getLowCardinalityKeyValue("skyvern.operation").getValue().equals(operation))
			.toList();
		assertThat(found).hasSize(1);
		return found.get(0);
	}

	private double counter(String name, String... tags) {
		try {
			return this.meters.get(name).tags(tags).counter().count();
		}
		catch (MeterNotFoundException ex) {
			return 0;
		}
	}

	@Test
	void runIsObservedWithWorkflowStatusAndRunIdAndCounted() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(runAnswer("wr_1", "created")));
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").build());
		ObservationContextAssert.assertThat(operation("run"))
			.hasContextualNameEqualTo("skyvern run")
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "wpid_test")
			.hasLowCardinalityKeyValue("skyvern.run.status", "created")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasLowCardinalityKeyValue("reason", "none")
			.hasHighCardinalityKeyValue("skyvern.run.id", "wr_1")
			.doesNotHaveError();
		assertThat(counter("skyvern.runs.started", "skyvern.workflow.id", "wpid_test")).isEqualTo(1);
		assertThat(counter("skyvern.runs.finished")).isZero();
	}

	@Test
	void getIsObservedWithTheRunsWorkflow() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_2")).willReturn(runAnswer("wr_2", "running")));
		this.template.getRun("wr_2");
		ObservationContextAssert.assertThat(operation("get"))
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "wpid_test")
			.hasLowCardinalityKeyValue("skyvern.run.status", "running")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("skyvern.run.id", "wr_2");
	}

	@Test
	void cancelAndRetryWebhookAreObservedWithoutStatusOrWorkflow() {
		skyvern.stubFor(post(urlEqualTo("/v1/runs/wr_3/cancel")).willReturn(okJson("null")));
		skyvern.stubFor(post(urlEqualTo("/v1/runs/wr_3/retry_webhook")).willReturn(okJson(
				"{\"run_id\":\"wr_3\",\"run_type\":\"workflow_run\",\"status_code\":200,\"latency_ms\":12}")));
		this.template.cancelRun("wr_3");
		this.template.retryRunWebhook("wr_3");
		for (String name : new String[] { "cancel", "retry-webhook" }) {
			ObservationContextAssert.assertThat(operation(name))
				.hasLowCardinalityKeyValue("skyvern.workflow.id", "unknown")
				.hasLowCardinalityKeyValue("skyvern.run.status", "none")
				.hasLowCardinalityKeyValue("outcome", "success")
				.hasHighCardinalityKeyValue("skyvern.run.id", "wr_3");
		}
	}

	@Test
	void runWithWaitIsARunThenASiblingWaitThatCountsTheFinishAndItsDuration() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(runAnswer("wr_4", "created")));
		stubPolls("wr_4", "running", "completed");
		onVirtualTime(() -> this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build()));
		Observation.Context run = operation("run");
		Observation.Context wait = operation("wait");
		assertThat(run.getParentObservation()).isNull();
		assertThat(wait.getParentObservation()).isNull();
		ObservationContextAssert.assertThat(wait)
			.hasContextualNameEqualTo("skyvern wait")
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "wpid_test")
			.hasLowCardinalityKeyValue("skyvern.run.status", "completed")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("skyvern.run.id", "wr_4");
		assertThat(contexts("http.client.requests")).hasSize(3);
		assertThat(counter("skyvern.runs.started", "skyvern.workflow.id", "wpid_test")).isEqualTo(1);
		assertThat(counter("skyvern.runs.finished", "skyvern.workflow.id", "wpid_test", "skyvern.run.status",
				"completed"))
			.isEqualTo(1);
		var duration = this.meters.get("skyvern.runs.duration")
			.tags("skyvern.workflow.id", "wpid_test", "skyvern.run.status", "completed")
			.timer();
		assertThat(duration.count()).isEqualTo(1);
		assertThat(duration.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(90_500);
	}

	@Test
	void runThatFailsIsCountedByItsFinalStatus() {
		stubPolls("wr_5", "running", "failed");
		SkyvernRun run = onVirtualTime(() -> this.template.waitForCompletion("wr_5"));
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		ObservationContextAssert.assertThat(operation("wait"))
			.hasLowCardinalityKeyValue("skyvern.run.status", "failed")
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "wpid_test")
			.hasLowCardinalityKeyValue("outcome", "success");
		assertThat(counter("skyvern.runs.finished", "skyvern.workflow.id", "wpid_test", "skyvern.run.status",
				"failed"))
			.isEqualTo(1);
		assertThat(this.meters.get("skyvern.runs.waiting").gauge().value()).isZero();
	}

	@Test
	void runStartRejectedWith403IsAFailureWithReason403AndStartsNothing() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents"))
			.willReturn(aResponse().withStatus(403).withBody("{\"detail\":\"Invalid credentials\"}")));
		assertThatExceptionOfType(SkyvernAuthenticationException.class)
			.isThrownBy(() -> this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").build()));
		ObservationContextAssert.assertThat(operation("run"))
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasLowCardinalityKeyValue("reason", "403")
			.hasLowCardinalityKeyValue("skyvern.run.status", "none")
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "wpid_test")
			.doesNotHaveHighCardinalityKeyValueWithKey("skyvern.run.id")
			.assertThatError()
			.isInstanceOf(SkyvernAuthenticationException.class);
		assertThat(counter("skyvern.runs.started")).isZero();
		assertThat(counter("skyvern.retries")).isZero();
	}

	@Test
	void taskStartResolvedByItsTitleTokenIsOneSuccessfulRunCountedOnce() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/tasks")).inScenario("task").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("created"));
		skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).inScenario("task").whenScenarioStateIs("created")
			.willReturn(okJson("[{\"run_id\":\"tsk_1\",\"task_run_type\":\"task_v3\",\"status\":\"running\","
					+ "\"title\":\"{{request.query.search_key}}\",\"workflow_deleted\":false,\"script_run\":false}]")
				.withTransformers("response-template")));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/tsk_1")).willReturn(okJson(
				"{\"run_id\":\"tsk_1\",\"status\":\"running\",\"run_type\":\"task_v3\"}")));
		SkyvernRun run = this.timer.drive(() -> this.template.runTask(TaskRunRequest.builder("Find it").build()),
				Duration.ofSeconds(2), 1);
		assertThat(run.runId()).isEqualTo("tsk_1");
		ObservationContextAssert.assertThat(operation("run"))
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "task")
			.hasLowCardinalityKeyValue("skyvern.run.status", "running")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("skyvern.run.id", "tsk_1")
			.doesNotHaveError();
		assertThat(counter("skyvern.runs.started", "skyvern.workflow.id", "task")).isEqualTo(1);
		assertThat(skyvern.findAll(postRequestedFor(urlEqualTo("/v1/run/tasks")))).hasSize(1);
	}

	@Test
	void waitThatTimesOutIsAFailureWithReasonWaitTimeoutAndTheLastStatus() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_6")).willReturn(runAnswer("wr_6", "running")));
		assertThatExceptionOfType(SkyvernWaitTimeoutException.class)
			.isThrownBy(() -> onVirtualTime(() -> this.template.waitForCompletion("wr_6", Duration.ofMillis(100))));
		ObservationContextAssert.assertThat(operation("wait"))
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasLowCardinalityKeyValue("reason", "wait_timeout")
			.hasLowCardinalityKeyValue("skyvern.run.status", "running")
			.hasLowCardinalityKeyValue("skyvern.workflow.id", "unknown")
			.hasHighCardinalityKeyValue("skyvern.run.id", "wr_6");
		assertThat(counter("skyvern.runs.finished")).isZero();
		assertThat(this.meters.get("skyvern.runs.waiting").gauge().value()).isZero();
	}

	@Test
	void getThatRetriesCountsEachRetryByReasonAndKeepsEveryAttemptUnderTheOperation() {
		String state = Scenario.STARTED;
		ResponseDefinitionBuilder[] answers = { aResponse().withStatus(503), aResponse().withStatus(503),
				runAnswer("wr_7", "running") };
		for (int i = 0; i < answers.length; i++) {
			skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_7")).inScenario("retry")
				.whenScenarioStateIs(state)
				.willReturn(answers[i])
				.willSetStateTo("attempt-" + (i + 1)));
			state = "attempt-" + (i + 1);
		}
		this.template.getRun("wr_7");
		skyvern.verify(3, getRequestedFor(urlEqualTo("/v1/runs/wr_7")));
		assertThat(counter("skyvern.retries", "skyvern.operation", "get", "reason", "503")).isEqualTo(2);
		Observation.Context get = operation("get");
		ObservationContextAssert.assertThat(get).hasLowCardinalityKeyValue("outcome", "success");
		List<Observation.Context> attempts = contexts("http.client.requests");
		// WebClient stops its observation (and sets its keys) after the answer reached the caller.
		await().untilAsserted(() -> assertThat(attempts).hasSize(3).allSatisfy((attempt) -> {
			assertThat(attempt.getParentObservation()).isNotNull();
			assertThat(attempt.getParentObservation().getContextView()).isSameAs(get);
			assertThat(attempt.getLowCardinalityKeyValue("uri")).isEqualTo(KeyValue.of("uri", "/v1/runs/{runId}"));
		}).extracting((attempt) -> attempt.getLowCardinalityKeyValue("status").getValue())
			.containsExactly("503", "503", "200"));
	}

	@Test
	void retriesOfUnreachableSkyvernAreCountedByTransportKind() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		SkyvernWorkflowTemplate unreachable = template("http://127.0.0.1:" + closedPort, true);
		assertThatExceptionOfType(SkyvernTransportException.class).isThrownBy(() -> unreachable.getRun("wr_8"));
		assertThat(counter("skyvern.retries", "skyvern.operation", "get", "reason", "connect")).isEqualTo(2);
		ObservationContextAssert.assertThat(operation("get"))
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasLowCardinalityKeyValue("reason", "connect");
	}

	@Test
	void waitingGaugeCountsWaitsInProgressAndACancelledWaitIsObservedAsCancelled() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_9")).willReturn(runAnswer("wr_9", "running")));
		Disposable waiting = this.template.reactive().waitForCompletion("wr_9", Duration.ofMinutes(1)).subscribe();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(this.meters.get("skyvern.runs.waiting").gauge().value()).isEqualTo(1));
		waiting.dispose();
		assertThat(this.meters.get("skyvern.runs.waiting").gauge().value()).isZero();
		ObservationContextAssert.assertThat(operation("wait"))
			.hasLowCardinalityKeyValue("outcome", "cancelled")
			.hasLowCardinalityKeyValue("reason", "none");
	}

	@Test
	void workflowIdMovesToTracesOnlyWhenItsTagIsOff() {
		this.template = template(skyvern.baseUrl(), false);
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(runAnswer("wr_10", "completed")));
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build());
		ObservationContextAssert.assertThat(operation("run"))
			.doesNotHaveLowCardinalityKeyValueWithKey("skyvern.workflow.id")
			.hasHighCardinalityKeyValue("skyvern.workflow.id", "wpid_test");
		assertThat(this.meters.get("skyvern.runs.started").counter().getId().getTags()).isEmpty();
		assertThat(this.meters.get("skyvern.runs.finished").counter().getId().getTags())
			.extracting(io.micrometer.core.instrument.Tag::getKey)
			.containsExactly("skyvern.run.status");
	}

	@Test
	void customConventionReplacesTheDefault() {
		SkyvernOperationObservationConvention custom = new SkyvernOperationObservationConvention() {

			@Override
			public String getName() {
				return "custom.skyvern";
			}

			@Override
			public io.micrometer.common.KeyValues getLowCardinalityKeyValues(SkyvernOperationContext context) {
				return io.micrometer.common.KeyValues.of("op", context.getOperation().operationName());
			}

		};
		this.template = template(skyvern.baseUrl(), custom, true);
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_11")).willReturn(runAnswer("wr_11", "running")));
		this.template.getRun("wr_11");
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("custom.skyvern")
			.that()
			.hasLowCardinalityKeyValue("op", "get");
		assertThat(contexts("skyvern.operation")).isEmpty();
	}

	@Test
	void operationInsideAnOuterObservationIsItsChild() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_12")).willReturn(runAnswer("wr_12", "running")));
		Observation outer = Observation.start("outer", this.observations);
		try (Observation.Scope scope = outer.openScope()) {
			this.template.getRun("wr_12");
		}
		finally {
			outer.stop();
		}
		assertThat(operation("get").getParentObservation()).isSameAs(outer);
	}

}
