package io.github.skyvernstarter.fake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier.Verification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link FakeSkyvern} on its own, driven with {@link FakeRequest}s as a server adapter
 * would send them; time is virtual.
 */
class FakeSkyvernTests {

	private static final String KEY = "sk_fake_key";

	private static final Instant START = Instant.parse("2026-08-22T18:30:00.160725Z");

	private final Clock clock = Clock.fixed(START, ZoneOffset.UTC);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final TestReceiver receiver = new TestReceiver();

	@AfterEach
	void stop() {
		this.receiver.close();
		this.time.dispose();
	}

	@Test
	void answers403WithoutAnApiKeyOrWithAnotherKeyThanTheOneItWasGiven() {
		FakeSkyvern open = FakeSkyvern.builder().build();
		assertThat(open.handle(request("GET", "/v1/runs/wr_1", null, "")).status()).isEqualTo(403);
		assertThat(open.handle(request("GET", "/v1/runs/wr_1", " ", "")).status()).isEqualTo(403);
		assertThat(open.handle(request("GET", "/v1/runs/wr_1", "any-key", "")).status()).isEqualTo(404);
		FakeSkyvern strict = FakeSkyvern.builder().apiKey(KEY).build();
		FakeResponse refused = strict.handle(request("POST", "/v1/run/agents", "sk_other", "{\"agent_id\":\"wpid_x\"}"));
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.bodyAsString()).isEqualTo("{\"detail\":\"Invalid credentials\"}");
		assertThat(strict.runStarts()).isEmpty();
		assertThat(strict.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")).status()).isEqualTo(200);
	}

	@Test
	void answersAnUnknownPathWith404AndAnotherMethodWith405InSkyvernsJson() {
		FakeSkyvern fake = FakeSkyvern.builder().build();
		FakeResponse unknown = fake.handle(request("GET", "/v1/nothing", KEY, ""));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.headers()).containsEntry("Content-Type", "application/json");
		assertThat(fake.handle(request("GET", "/v1/run/agents", KEY, "")).status()).isEqualTo(405);
		assertThat(fake.handle(request("DELETE", "/v1/runs/wr_1", KEY, "")).status()).isEqualTo(405);
	}

	@Test
	void runIdsAreShapedLikeSkyvernsAndAFakeStartedLaterHandsOutNewOnes() {
		FakeSkyvern first = FakeSkyvern.builder().clock(this.clock).build();
		String firstId = runId(first.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		String secondId = runId(first.handle(post("/v1/run/workflows/", "{\"workflow_id\":\"wpid_x\"}")));
		assertThat(firstId).matches("wr_\\d{18}");
		assertThat(secondId).matches("wr_\\d{18}").isNotEqualTo(firstId);
		FakeSkyvern restarted = FakeSkyvern.builder().clock(Clock.offset(this.clock, Duration.ofSeconds(1))).build();
		String afterRestart = runId(restarted.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		assertThat(Long.parseLong(afterRestart.substring(3))).isGreaterThan(Long.parseLong(secondId.substring(3)));
	}

	@Test
	void runsMoveOneStepPerStatusPollByDefault() {
		FakeSkyvern fake = FakeSkyvern.builder().clock(this.clock).build();
		fake.workflow("wpid_x").completesWith(Map.of("total", 42)).finishesAfter(3);
		String runId = runId(fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		assertThat(fake.runStatus(runId)).isEqualTo(RunStatus.CREATED);
		assertThat(status(fake.handle(get("/v1/runs/" + runId)))).isEqualTo("queued");
		assertThat(status(fake.handle(get("/v1/runs/" + runId + "/")))).isEqualTo("running");
		JsonNode finished = FakeJson.read(fake.handle(get("/v1/runs/" + runId)).body());
		assertThat(finished.get("status").asString()).isEqualTo("completed");
		assertThat(finished.get("output").get("total").asInt()).isEqualTo(42);
		assertThat(finished.get("created_at").asString()).isEqualTo("2026-08-22T18:30:00.160725");
	}

	@Test
	void timedRunsMoveByTheClockAndNotByPolls() {
		FakeSkyvern fake = FakeSkyvern.builder().stepEvery(Duration.ofSeconds(1)).scheduler(this.time).build();
		fake.anyWorkflow().finishesAfter(3);
		String runId = runId(fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		assertThat(status(fake.handle(get("/v1/runs/" + runId)))).isEqualTo("created");
		assertThat(status(fake.handle(get("/v1/runs/" + runId)))).isEqualTo("created");
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(fake.runStatus(runId)).isEqualTo(RunStatus.QUEUED);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(fake.runStatus(runId)).isEqualTo(RunStatus.RUNNING);
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(fake.runStatus(runId)).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void sendsTheSignedWebhookByItselfWhenATimedRunFinishes() {
		FakeSkyvern fake = FakeSkyvern.builder()
			.clock(this.clock)
			.stepEvery(Duration.ofSeconds(1))
			.scheduler(this.time)
			.sendWebhooksWhenRunsFinish()
			.build();
		fake.anyWorkflow()
			.completesWithOutputOf((request) -> Map.of("echo", request.get("parameters")))
			.finishesAfter(2);
		String runId = runId(fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\",\"parameters\":{\"a\":1},"
				+ "\"webhook_url\":\"" + this.receiver.url("/hooks") + "\"}")));
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		assertThat(this.receiver.received()).isEmpty();
		this.time.advanceTimeBy(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.received().size() == 1);
		TestReceiver.Received received = this.receiver.received().get(0);
		assertThat(received.path()).isEqualTo("/hooks");
		assertThat(new SkyvernWebhookVerifier(List.of(KEY)).verify(received.body(),
				received.header(SkyvernHeaders.SIGNATURE), received.header(SkyvernHeaders.TIMESTAMP)))
			.isEqualTo(Verification.VALID);
		assertThat(received.header(SkyvernHeaders.TIMESTAMP)).isEqualTo(Long.toString(START.getEpochSecond()));
		JsonNode body = FakeJson.read(received.body());
		assertThat(body.get("run_id").asString()).isEqualTo(runId);
		assertThat(body.get("status").asString()).isEqualTo("completed");
		assertThat(body.get("output").get("echo").get("a").asInt()).isEqualTo(1);
	}

	@Test
	void retriesAWebhookOnTheStatusesSkyvernRetriesASecondApart() {
		FakeSkyvern fake = automaticOnPoll();
		this.receiver.answering(503, 429, 200);
		FakeRun run = finishedRun(fake);
		var outcome = fake.webhooks().send(run);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.time.advanceTimeBy(Duration.ofMillis(500));
			return outcome.isDone();
		});
		assertThat(outcome.join().statusCode()).isEqualTo(200);
		assertThat(this.receiver.received()).hasSize(3);
	}

	@Test
	void givesUpAfterThreeAttemptsAndAtOnceOnAStatusSkyvernDoesNotRetry() {
		FakeSkyvern fake = automaticOnPoll();
		this.receiver.answering(500);
		var outcome = fake.webhooks().send(finishedRun(fake));
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.time.advanceTimeBy(Duration.ofMillis(500));
			return outcome.isDone();
		});
		assertThat(outcome.join().statusCode()).isEqualTo(500);
		assertThat(this.receiver.received()).hasSize(3);
		this.receiver.answering(400);
		var refused = fake.webhooks().send(finishedRun(fake));
		await().atMost(Duration.ofSeconds(10)).until(refused::isDone);
		assertThat(refused.join().statusCode()).isEqualTo(400);
		assertThat(this.receiver.received()).hasSize(4);
	}

	@Test
	void cancelSendsTheWebhookAgainEvenForAFinishedRun() {
		FakeSkyvern fake = automaticOnPoll();
		String runId = runId(fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		fake.handle(get("/v1/runs/" + runId));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.received().size() == 1);
		FakeResponse canceled = fake.handle(post("/v1/runs/" + runId + "/cancel", ""));
		assertThat(canceled.bodyAsString()).isEqualTo("null");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiver.received().size() == 2);
		assertThat(this.receiver.received()).extracting((received) -> FakeJson.read(received.body()).get("status").asString())
			.containsExactly("completed", "completed");
		assertThat(fake.canceledRuns()).containsExactly(runId);
	}

	@Test
	void sendsWebhooksForAPublicWebhookUrlToTheDefaultTargetOnThisMachine() {
		FakeSkyvern fake = FakeSkyvern.builder().defaultWebhookTarget(() -> this.receiver.url("/app/hooks")).build();
		String runId = runId(fake.handle(post("/v1/run/agents",
				"{\"agent_id\":\"wpid_x\",\"webhook_url\":\"https://hooks.example.com/skyvern\"}")));
		assertThat(fake.webhookTarget(runId)).isEqualTo(this.receiver.url("/app/hooks"));
		FakeResponse retried = fake.handle(post("/v1/runs/" + runId + "/retry_webhook",
				"{\"webhook_url\":\"https://hooks.example.com/other\"}"));
		assertThat(retried.status()).isEqualTo(400);
		assertThat(this.receiver.received()).isEmpty();
	}

	@Test
	void keepsNoRequestsWhenRecordingIsOff() {
		FakeSkyvern fake = FakeSkyvern.builder().withoutRecording().build();
		String runId = runId(fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		fake.handle(post("/v1/runs/" + runId + "/cancel", ""));
		assertThat(fake.runStarts()).isEmpty();
		assertThat(fake.canceledRuns()).isEmpty();
		assertThat(fake.runStatus(runId)).isEqualTo(RunStatus.CANCELED);
	}

	@Test
	void recordedRunStartsNeverShowTheApiKey() {
		FakeSkyvern fake = FakeSkyvern.builder().build();
		fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}"));
		assertThat(fake.runStarts()).singleElement()
			.satisfies((start) -> assertThat(start.toString()).doesNotContain(KEY).contains("wpid_x"));
	}

	@Test
	void searchKeyFindsTaskTitlesWhateverTheirCaseButNotTheTitleSkyvernTwoIgnores() {
		FakeSkyvern fake = FakeSkyvern.builder().build();
		String titled = runId(fake.handle(post("/v1/run/tasks",
				"{\"prompt\":\"Find it\",\"title\":\"Prices [client-request-id:3f2a-1]\"}")));
		fake.handle(post("/v1/run/tasks", "{\"prompt\":\"Find it\",\"title\":\"Prices [client-request-id:3f2a-10]\"}"));
		fake.handle(post("/v1/run/tasks",
				"{\"prompt\":\"Log in\",\"engine\":\"skyvern-2.0\",\"title\":\"[client-request-id:3f2a-1]\"}"));
		fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\",\"parameters\":{\"order\":\"ord-4711\"}}"));
		JsonNode found = FakeJson.read(fake.handle(list("search_key", "[CLIENT-request-id:3f2a-1]")).body());
		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("run_id").asString()).isEqualTo(titled);
		assertThat(found.get(0).get("title").asString()).isEqualTo("Prices [client-request-id:3f2a-1]");
		JsonNode substring = FakeJson.read(fake.handle(list("search_key", "client-request-id:3f2a-1")).body());
		assertThat(substring).hasSize(2);
		assertThat(FakeJson.read(fake.handle(list("search_key", "ord-4711")).body())).hasSize(1);
		assertThat(fake.handle(list("search_key", "ab")).status()).isEqualTo(422);
	}

	private FakeSkyvern automaticOnPoll() {
		return FakeSkyvern.builder()
			.clock(this.clock)
			.scheduler(this.time)
			.sendWebhooksWhenRunsFinish()
			.defaultWebhookTarget(() -> this.receiver.url("/hooks"))
			.build();
	}

	private static FakeRun finishedRun(FakeSkyvern fake) {
		String runId = runId(fake.handle(post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}")));
		FakeRun run = fake.state().requireRun(runId);
		run.finish(Instant.now());
		return run;
	}

	private static FakeRequest post(String path, String body) {
		return request("POST", path, KEY, body);
	}

	private static FakeRequest get(String path) {
		return request("GET", path, KEY, "");
	}

	private static FakeRequest list(String parameter, String value) {
		return new FakeRequest("GET", "/v1/runs", Map.of("X-Api-Key", List.of(KEY)), Map.of(parameter, List.of(value)),
				new byte[0]);
	}

	private static FakeRequest request(String method, String path, String apiKey, String body) {
		Map<String, List<String>> headers = (apiKey != null) ? Map.of("X-Api-Key", List.of(apiKey)) : Map.of();
		return new FakeRequest(method, path, headers, Map.of(), body.getBytes(StandardCharsets.UTF_8));
	}

	private static String runId(FakeResponse response) {
		assertThat(response.status()).as(response.bodyAsString()).isEqualTo(200);
		return FakeJson.read(response.body()).get("run_id").asString();
	}

	private static String status(FakeResponse response) {
		return FakeJson.read(response.body()).get("status").asString();
	}

}
