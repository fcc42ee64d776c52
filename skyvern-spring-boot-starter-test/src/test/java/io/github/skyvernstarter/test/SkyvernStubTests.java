package io.github.skyvernstarter.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.error.SkyvernValidationException;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link SkyvernStub} on its own, driven by the starter's real client and by raw HTTP.
 */
class SkyvernStubTests {

	private static final String NAIVE_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Clock clock = Clock.fixed(Instant.parse("2026-08-22T18:30:00.160725Z"), ZoneOffset.UTC);

	private SkyvernStub stub;

	private SkyvernWorkflowTemplate skyvern;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeEach
	void startStub() {
		this.stub = SkyvernStub.start(this.clock);
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(this.stub.baseUrl()).build(),
				"sk_test_key", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		this.skyvern = new SkyvernWorkflowTemplate(new ReactiveSkyvernWorkflowTemplate(client,
				new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(10), Duration.ofMillis(5))));
	}

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	@Test
	void answersRunCreationInSkyvernJson() throws Exception {
		HttpResponse<String> response = post("/v1/run/agents",
				"{\"agent_id\":\"wpid_x\",\"parameters\":{\"account\":\"acct-1\"},\"title\":\"Invoices\"}",
				"sk_test_key");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode run = JSON.readTree(response.body());
		assertThat(run.get("run_id").asString()).matches("wr_\\d{18}");
		assertThat(run.get("status").asString()).isEqualTo("created");
		assertThat(run.get("run_type").asString()).isEqualTo("workflow_run");
		assertThat(run.get("created_at").asString()).isEqualTo("2026-08-22T18:30:00.160725");
		assertThat(run.get("modified_at").asString()).matches(NAIVE_TIMESTAMP);
		assertThat(run.get("output").isNull()).isTrue();
		assertThat(run.get("finished_at").isNull()).isTrue();
		assertThat(run.get("failure_reason").isNull()).isTrue();
		assertThat(run.get("run_request").get("workflow_id").asString()).isEqualTo("wpid_x");
		assertThat(run.get("run_request").get("title").asString()).isEqualTo("Invoices");
		assertThat(run.get("run_request").get("parameters").get("account").asString()).isEqualTo("acct-1");
		assertThat(run.get("run_request").has("webhook_url")).isTrue();
	}

	@Test
	void acceptsTheHiddenWorkflowsAliasAndWorkflowIdField() throws Exception {
		HttpResponse<String> response = post("/v1/run/workflows", "{\"workflow_id\":\"wpid_old\"}", "sk_test_key");
		assertThat(response.statusCode()).isEqualTo(200);
		this.stub.assertRunStarted("wpid_old");
	}

	@Test
	void movesThroughQueuedAndRunningToTheStubbedStatusOnTheNthPoll() {
		this.stub.stubWorkflow("wpid_x").completesWith(Map.of("total", 42)).afterPolls(3);
		SkyvernRun created = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		assertThat(created.status()).isEqualTo(RunStatus.CREATED);
		assertThat(this.skyvern.getRun(created.runId()).status()).isEqualTo(RunStatus.QUEUED);
		assertThat(this.skyvern.getRun(created.runId()).status()).isEqualTo(RunStatus.RUNNING);
		SkyvernRun finished = this.skyvern.getRun(created.runId());
		assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(finished.output().get("total").asInt()).isEqualTo(42);
		assertThat(finished.createdAt()).isEqualTo(this.clock.instant());
		assertThat(finished.finishedAt()).isNotNull();
		assertThat(finished.workflowId()).isEqualTo("wpid_x");
	}

	@Test
	void waitingRunReturnsTheFinishedRun() {
		this.stub.stubWorkflow("wpid_x").completesWith(List.of("a", "b")).afterPolls(2);
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").waitForCompletion().build());
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output().get(1).asString()).isEqualTo("b");
		assertThat(this.stub.wireMock().getAllServeEvents()).hasSize(3);
	}

	@Test
	void finishesWithAnotherFinalStatusAndReason() {
		this.stub.stubWorkflow("wpid_x").finishesWith(RunStatus.FAILED).failureReason("Login failed");
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").waitForCompletion().build());
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(run.failureReason()).isEqualTo("Login failed");
		assertThat(run.output().isNull()).isTrue();
	}

	@Test
	void refusesANonFinalStatusOrZeroPolls() {
		WorkflowStub workflow = this.stub.stubWorkflow("wpid_x");
		assertThatThrownBy(() -> workflow.finishesWith(RunStatus.RUNNING)).hasMessageContaining("not a final status");
		assertThatThrownBy(() -> workflow.afterPolls(0)).hasMessageContaining("1 or more");
	}

	@Test
	void unstubbedWorkflowsCompleteOnTheFirstPollWithNullOutput() {
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_any").waitForCompletion().build());
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output().isNull()).isTrue();
	}

	@Test
	void defaultForUnstubbedWorkflowsCanBeChanged() {
		this.stub.stubAnyWorkflow().failsToStart(404, "Workflow not found");
		this.stub.stubWorkflow("wpid_known").completesWith("done");
		assertThatExceptionOfType(SkyvernNotFoundException.class)
			.isThrownBy(() -> this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_typo").build()));
		assertThat(this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_known").waitForCompletion().build())
			.output()
			.asString()).isEqualTo("done");
	}

	@Test
	void failsToStartWithSkyvernErrorJson() throws Exception {
		this.stub.stubWorkflow("wpid_404").failsToStart(404, "Workflow wpid_404 not found");
		this.stub.stubWorkflow("wpid_422").failsToStart(422, "Missing parameter: account");
		this.stub.stubWorkflow("wpid_429").failsToStart(429, "Rate limit exceeded");
		this.stub.stubWorkflow("wpid_500").failsToStart(500, "Unexpected error: boom");
		assertThatExceptionOfType(SkyvernNotFoundException.class)
			.isThrownBy(() -> this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_404").build()))
			.satisfies((ex) -> assertThat(ex.getDetail()).isEqualTo("Workflow wpid_404 not found"));
		assertThatExceptionOfType(SkyvernValidationException.class)
			.isThrownBy(() -> this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_422").build()))
			.satisfies((ex) -> assertThat(ex.getFieldErrors()).singleElement()
				.satisfies((error) -> assertThat(error.message()).isEqualTo("Missing parameter: account")));
		assertThatExceptionOfType(SkyvernRateLimitException.class)
			.isThrownBy(() -> this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_429").build()))
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isNull());
		assertThatExceptionOfType(SkyvernServerException.class)
			.isThrownBy(() -> this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_500").build()))
			.satisfies((ex) -> assertThat(ex.getDetail()).isEqualTo("Unexpected error: boom"));
		assertThat(post("/v1/run/agents", "{\"agent_id\":\"wpid_404\"}", "k").body())
			.isEqualTo("{\"detail\":\"Workflow wpid_404 not found\"}");
		assertThat(post("/v1/run/agents", "{\"agent_id\":\"wpid_500\"}", "k").body())
			.isEqualTo("{\"error\":\"Unexpected error: boom\"}");
		assertThat(this.stub.runsStarted()).isEmpty();
		// The 500 is ambiguous: the client looked its request id up, found no run and sent it twice more.
		assertThat(this.stub.runRequests()).hasSize(8).noneMatch(RecordedRunRequest::started);
	}

	@Test
	void recordsWhatEachRunRequestCarried() {
		this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x")
			.parameter("account", "acct-1")
			.parameter("max_pages", 3)
			.title("July invoices")
			.webhookUrl("https://example.com/hooks")
			.maxStepsOverride(7)
			.template(true)
			.build());
		RecordedRunRequest request = this.stub.assertRunStarted("wpid_x")
			.hasParameter("account", "acct-1")
			.hasParameter("max_pages", 3L)
			.hasParameters(Map.of("account", "acct-1", "max_pages", 3))
			.hasTitle("July invoices")
			.hasWebhookUrl("https://example.com/hooks")
			.hasHeader("X-Max-Steps-Override", "7")
			.hasHeader("x-api-key", "sk_test_key")
			.hasBodyField("proxy_location", null);
		assertThat(request.runId()).startsWith("wr_");
		assertThat(request.parameters()).containsEntry("account", "acct-1").containsEntry("max_pages", 3);
		assertThat(request.queryParameters()).containsEntry("template", List.of("true"));
		assertThat(request.title()).isEqualTo("July invoices");
	}

	@Test
	void runAssertionsSayWhatWasReceived() {
		this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").parameter("account", "acct-1").build());
		assertThatThrownBy(() -> this.stub.assertRunStarted("wpid_y")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("Expected exactly one run of wpid_y")
			.hasMessageContaining("wpid_x {\"account\":\"acct-1\"}");
		RecordedRunRequest request = this.stub.assertRunStarted("wpid_x");
		assertThatThrownBy(() -> request.hasParameter("account", "acct-2")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("parameter 'account' \"acct-2\" but it was \"acct-1\"");
		assertThatThrownBy(() -> request.hasParameter("missing", "x")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("no such parameter");
		assertThatThrownBy(() -> request.hasHeader("x-user-agent", "bot")).isInstanceOf(AssertionError.class)
			.hasMessageContaining("no such header");
		assertThatThrownBy(this.stub::assertNoRunStarted).isInstanceOf(AssertionError.class);
	}

	@Test
	void failureMessagesNeverShowTheApiKey() {
		this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		RecordedRunRequest request = this.stub.assertRunStarted("wpid_x");
		assertThatThrownBy(() -> request.hasTitle("x")).isInstanceOf(AssertionError.class)
			.message()
			.doesNotContain("sk_test_key");
		assertThat(request.toString()).doesNotContain("sk_test_key");
	}

	@Test
	void answers403WithoutAnApiKey() throws Exception {
		HttpResponse<String> response = post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}", null);
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"detail\":\"Invalid credentials\"}");
		this.stub.assertNoRunStarted();
	}

	@Test
	void answers422ForABodyWithoutWorkflowId() throws Exception {
		HttpResponse<String> response = post("/v1/run/agents", "{\"parameters\":{}}", "k");
		assertThat(response.statusCode()).isEqualTo(422);
		assertThat(JSON.readTree(response.body()).get("detail").get(0).get("msg").asString())
			.contains("agent_id");
	}

	@Test
	void answers404ForAnUnknownRun() {
		assertThatExceptionOfType(SkyvernNotFoundException.class).isThrownBy(() -> this.skyvern.getRun("wr_nope"))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("not found"));
	}

	@Test
	void cancelAnswersNullAndCancelsTheRun() throws Exception {
		this.stub.stubWorkflow("wpid_x").afterPolls(5);
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		HttpResponse<String> response = post("/v1/runs/" + run.runId() + "/cancel", "", "k");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("null");
		assertThat(this.skyvern.getRun(run.runId()).status()).isEqualTo(RunStatus.CANCELED);
		this.stub.assertRunCanceled(run.runId());
		assertThatThrownBy(() -> this.stub.assertRunCanceled("wr_other")).isInstanceOf(AssertionError.class);
	}

	@Test
	void cancelThroughTheTemplate() {
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		this.skyvern.cancelRun(run.runId());
		assertThat(this.stub.runStatus(run.runId())).isEqualTo(RunStatus.CANCELED);
	}

	@Test
	void deliversASignedRunFinishedWebhookShapedLikeSkyvernsToTheRunsLoopbackWebhookUrl() throws Exception {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			this.stub.stubWorkflow("wpid_x").completesWith(Map.of("total", 1234.5, "line_count", 7.0)).afterPolls(9);
			SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x")
				.parameter("account", "acct-1")
				.title("Invoices")
				.webhookUrl(receiver.url("/skyvern/webhooks").toString())
				.build());
			WebhookDelivery delivery = this.stub.deliverRunFinished(run.runId());
			assertThat(delivery.accepted()).isTrue();
			RecordingReceiver.Received received = receiver.received().get(0);
			assertThat(received.path()).isEqualTo("/skyvern/webhooks");
			assertThat(received.headers().getFirst("x-skyvern-signature"))
				.isEqualTo(new SkyvernWebhookSigner("sk_test_key").sign(received.body()));
			assertThat(received.headers().getFirst("x-skyvern-timestamp"))
				.isEqualTo(Long.toString(this.clock.instant().getEpochSecond()));
			String body = received.bodyAsString();
			assertThat(body).doesNotContain(" ").startsWith("{\"workflow_id\":\"wpid_x\",\"workflow_run_id\":\"" + run.runId() + "\",\"status\":\"completed\"");
			assertThat(body).contains("\"line_count\":7").doesNotContain("\"line_count\":7.0").contains("\"total\":1234.5");
			JsonNode json = JSON.readTree(body);
			assertThat(json.get("run_id").asString()).isEqualTo(run.runId());
			assertThat(json.get("agent_id").asString()).isEqualTo("wpid_x");
			assertThat(json.get("outputs")).isEqualTo(json.get("output"));
			assertThat(json.get("workflow_title").asString()).isEqualTo("Invoices");
			assertThat(json.get("parameters").get("account").asString()).isEqualTo("acct-1");
			assertThat(json.get("finished_at").asString()).matches(NAIVE_TIMESTAMP);
			assertThat(json.get("total_steps").asInt()).isPositive();
			assertThat(json.get("run_request").get("workflow_id").asString()).isEqualTo("wpid_x");
			assertThat(this.stub.runStatus(run.runId())).isEqualTo(RunStatus.COMPLETED);
		}
	}

	@Test
	void webhookBodyParsesAsTheSameRunTheApiReturns() {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			this.stub.stubWorkflow("wpid_x").completesWith(Map.of("ok", true));
			SkyvernRun created = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
			WebhookDelivery delivery = this.stub.deliverRunFinished(created.runId(), receiver.url("/hook"));
			SkyvernRun fromWebhook = io.github.skyvernstarter.model.SkyvernJson.mapper()
				.readValue(delivery.body(), SkyvernRun.class);
			assertThat(fromWebhook).isEqualTo(this.skyvern.getRun(created.runId()));
		}
	}

	@Test
	void neverDeliversToANonLoopbackWebhookUrl() {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			this.stub.defaultWebhookTarget(receiver.url("/app/hooks"));
			SkyvernRun run = this.skyvern
				.runWorkflow(RunWorkflowRequest.builder("wpid_x").webhookUrl("https://hooks.example.com/skyvern").build());
			this.stub.deliverRunFinished(run.runId());
			assertThat(receiver.received()).singleElement()
				.satisfies((received) -> assertThat(received.path()).isEqualTo("/app/hooks"));
		}
	}

	@Test
	void deliveryFailsTheTestWhenTheReceiverRejectsIt() {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			receiver.answer(401);
			SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
			assertThatThrownBy(() -> this.stub.deliverRunFinished(run.runId(), receiver.url("/hook")))
				.isInstanceOf(AssertionError.class)
				.hasMessageContaining("answered 401");
		}
	}

	@Test
	void deliveryWithoutAnyTargetSaysWhatToDo() {
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		assertThatThrownBy(() -> this.stub.deliverRunFinished(run.runId())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("RANDOM_PORT");
	}

	@Test
	void retryWebhookRedeliversAFinishedRunAndReportsTheAnswer() {
		try (RecordingReceiver receiver = new RecordingReceiver()) {
			receiver.answer(202);
			SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x")
				.webhookUrl(receiver.url("/skyvern/webhooks").toString())
				.waitForCompletion()
				.build());
			RetryWebhookResult result = this.skyvern.retryRunWebhook(run.runId());
			assertThat(result.delivered()).isTrue();
			assertThat(result.statusCode()).isEqualTo(202);
			assertThat(result.targetWebhookUrl()).isEqualTo(receiver.url("/skyvern/webhooks").toString());
			assertThat(result.headers()).containsKey("x-skyvern-signature");
			assertThat(receiver.received()).singleElement()
				.satisfies((received) -> assertThat(received.bodyAsString()).isEqualTo(result.payload()));
		}
	}

	@Test
	void retryWebhookRefusesARunThatHasNotFinished() {
		this.stub.stubWorkflow("wpid_x").afterPolls(5);
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		assertThatExceptionOfType(SkyvernBadRequestException.class)
			.isThrownBy(() -> this.skyvern.retryRunWebhook(run.runId()))
			.satisfies((ex) -> assertThat(ex.getDetail()).contains("not in a final state"));
	}

	@Test
	void wireMockStubsTakePrecedenceUntilReset() {
		this.stub.wireMock()
			.stubFor(WireMock.post("/v1/run/agents").willReturn(WireMock.aResponse().withStatus(403)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"detail\":\"Invalid credentials\"}")));
		assertThatExceptionOfType(SkyvernAuthenticationException.class)
			.isThrownBy(() -> this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build()));
		this.stub.reset();
		assertThat(this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build()).status())
			.isEqualTo(RunStatus.CREATED);
	}

	@Test
	void resetForgetsRunsAndStubs() {
		this.stub.stubWorkflow("wpid_x").failsToStart(404, "nope");
		this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_y").build());
		this.stub.reset();
		assertThat(this.stub.runRequests()).isEmpty();
		assertThat(this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build()).status())
			.isEqualTo(RunStatus.CREATED);
	}

	@Test
	void listensOnLoopbackOnly() {
		assertThat(URI.create(this.stub.baseUrl()).getHost()).isEqualTo("127.0.0.1");
	}

	private HttpResponse<String> post(String path, String body, String apiKey) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.stub.baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (apiKey != null) {
			request.header("x-api-key", apiKey);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
