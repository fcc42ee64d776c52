package io.github.skyvernstarter.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import io.github.skyvernstarter.support.InProcessSkyvern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Waits that finish on the webhook, in a Spring MVC application with default webhook settings, with
 * WireMock standing in for Skyvern: how many API calls a wait makes is counted on WireMock, or, for
 * the waits of minutes run on virtual time, on Skyvern answered in process.
 */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "skyvern.api-key=" + SkyvernWebhookWaitTests.API_KEY,
				"skyvern.webhooks.public-url=https://app.example.com" })
class SkyvernWebhookWaitTests {

	static final String API_KEY = "sk-wait-test-key-1357";

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@DynamicPropertySource
	static void skyvernBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("skyvern.base-url", skyvern::baseUrl);
	}

	@LocalServerPort
	int port;

	@Autowired
	SkyvernWorkflowTemplate template;

	@Autowired
	SkyvernApiClient apiClient;

	@Autowired
	ObjectProvider<RunCompletionSource> completionSource;

	@Autowired
	ObjectProvider<RunWorkflowRequestCustomizer> requestCustomizers;

	@Autowired
	RunFinishedRecorder recorder;

	WebhookClient webhooks;

	@BeforeEach
	void setUp() {
		this.recorder.reset();
		this.webhooks = new WebhookClient(this.port, "/skyvern/webhooks");
	}

	static String run(String runId, String status) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"output\":"
				+ ("completed".equals(status) ? "{\"total\":42}" : "null")
				+ ",\"run_type\":\"workflow_run\",\"created_at\":\"2026-08-22T18:30:00.160725\"}";
	}

	private void stubRun(String runId, String pollStatus) {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(run(runId, "queued"))));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId)).willReturn(okJson(run(runId, pollStatus))));
	}

	private HttpResponse<String> deliverWebhook(String runId, String status) {
		byte[] body = run(runId, status).getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("x-skyvern-signature", SkyvernWebhookVerifier.sign(body, API_KEY));
		headers.put("x-skyvern-timestamp", "1787423712");
		return this.webhooks.post(body, headers);
	}

	private static int apiCalls(String runId) {
		return skyvern.findAll(postRequestedFor(urlEqualTo("/v1/run/agents"))).size() + polls(runId);
	}

	private static int polls(String runId) {
		return skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/" + runId))).size();
	}

	private static ConditionFactory awaitQuickly() {
		return await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
	}

	/**
	 * The template as the auto-configuration builds it, with the application's completion source and
	 * request customizers, but on virtual time and against Skyvern answered in process: each poll that
	 * falls due is sent and answered inside {@code advanceTimeBy}, so minutes of polling take a few
	 * steps of the test's own thread and the count of API calls cannot depend on the machine's load.
	 */
	private ReactiveSkyvernWorkflowTemplate virtualTimeTemplate(InProcessSkyvern skyvern,
			CountingVirtualTimeScheduler timer, boolean withWebhooks) {
		SkyvernApiClient client = new SkyvernApiClient(skyvern.webClient(), API_KEY, Duration.ofSeconds(60),
				SkyvernRetryPolicy.none());
		return ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofMinutes(30), Duration.ofSeconds(10)))
			.completionSource(withWebhooks ? this.completionSource.getIfUnique() : null)
			.requestCustomizers(this.requestCustomizers.orderedStream().toList())
			.timer(timer)
			.build();
	}

	private static InProcessSkyvern inProcessRun(String runId, String pollStatus) {
		return new InProcessSkyvern().answer(HttpMethod.POST, "/v1/run/agents", run(runId, "queued"))
			.answer(HttpMethod.GET, "/v1/runs/" + runId, run(runId, pollStatus));
	}

	private static int apiCalls(InProcessSkyvern skyvern, String runId) {
		return skyvern.requests(HttpMethod.POST, "/v1/run/agents") + skyvern.requests(HttpMethod.GET, "/v1/runs/" + runId);
	}

	@Test
	void fiveMinuteRunFinishesOnTheWebhookWithTwoApiCallsInsteadOfThirtyOne() {
		InProcessSkyvern skyvern = inProcessRun("wr_five_minutes", "running");
		CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();
		AtomicReference<SkyvernRun> result = new AtomicReference<>();
		Disposable wait = virtualTimeTemplate(skyvern, timer, true)
			.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build(), RequestOptions.none())
			.subscribe(result::set);
		try {
			// The run was started; the wait holds its timeout and its first (fallback) poll.
			assertThat(timer.pending()).isEqualTo(2);
			timer.advanceTimeBy(Duration.ofSeconds(290));
			assertThat(result.get()).isNull();
			assertThat(skyvern.requests(HttpMethod.GET, "/v1/runs/wr_five_minutes")).isEqualTo(1);
			// At 5 minutes Skyvern delivers the webhook.
			timer.advanceTimeBy(Duration.ofSeconds(10));
			assertThat(deliverWebhook("wr_five_minutes", "completed").statusCode()).isEqualTo(200);
			awaitQuickly().until(() -> result.get() != null);
			assertThat(result.get().status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(result.get().output().get("total").asInt()).isEqualTo(42);
			timer.advanceTimeBy(Duration.ofMinutes(30));
			assertThat(apiCalls(skyvern, "wr_five_minutes")).isEqualTo(2);
		}
		finally {
			wait.dispose();
		}
	}

	@Test
	void fiveMinuteRunWithTenSecondPollingAloneMakesThirtyOneApiCalls() {
		InProcessSkyvern skyvern = inProcessRun("wr_polled", "running");
		CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();
		AtomicReference<SkyvernRun> result = new AtomicReference<>();
		Disposable wait = virtualTimeTemplate(skyvern, timer, false)
			.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build(), RequestOptions.none())
			.subscribe(result::set);
		try {
			assertThat(timer.pending()).isEqualTo(2);
			timer.advanceTimeBy(Duration.ofSeconds(290));
			assertThat(result.get()).isNull();
			assertThat(skyvern.requests(HttpMethod.GET, "/v1/runs/wr_polled")).isEqualTo(29);
			skyvern.answer(HttpMethod.GET, "/v1/runs/wr_polled", run("wr_polled", "completed"));
			timer.advanceTimeBy(Duration.ofSeconds(10));
			assertThat(result.get()).isNotNull();
			assertThat(result.get().status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(apiCalls(skyvern, "wr_polled")).isEqualTo(31);
		}
		finally {
			wait.dispose();
		}
	}

	@Test
	void applicationsTemplateFinishesOnTheWebhookWithoutWaitingForAPoll() throws Exception {
		stubRun("wr_app", "running");
		CompletableFuture<SkyvernRun> waiting = CompletableFuture.supplyAsync(
				() -> this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build()));
		awaitQuickly()
			.until(() -> skyvern.findAll(postRequestedFor(urlEqualTo("/v1/run/agents"))).size() == 1);
		assertThat(deliverWebhook("wr_app", "completed").statusCode()).isEqualTo(200);
		SkyvernRun run = waiting.get(10, TimeUnit.SECONDS);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		// The first fallback poll would come after three minutes: the POST was the only call.
		assertThat(apiCalls("wr_app")).isEqualTo(1);
		assertThat(this.recorder.events("wr_app")).hasSize(1);
	}

	@Test
	void runWorkflowFillsTheWebhookUrlFromThePublicUrl() throws Exception {
		stubRun("wr_url", "running");
		CompletableFuture<SkyvernRun> waiting = CompletableFuture.supplyAsync(
				() -> this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build()));
		awaitQuickly()
			.until(() -> skyvern.findAll(postRequestedFor(urlEqualTo("/v1/run/agents"))).size() == 1);
		deliverWebhook("wr_url", "completed");
		waiting.get(10, TimeUnit.SECONDS);
		skyvern.verify(postRequestedFor(urlEqualTo("/v1/run/agents")).withRequestBody(
				equalToJson("{\"webhook_url\":\"https://app.example.com/skyvern/webhooks\"}", true, true)));
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").webhookUrl("https://mine.example/h").build());
		skyvern.verify(postRequestedFor(urlEqualTo("/v1/run/agents"))
			.withRequestBody(equalToJson("{\"webhook_url\":\"https://mine.example/h\"}", true, true)));
	}

	@Test
	void webhookThatArrivesBeforeTheWaitStartsFinishesItAtOnce() {
		stubRun("wr_quick", "running");
		assertThat(deliverWebhook("wr_quick", "failed").statusCode()).isEqualTo(200);
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build());
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		assertThat(apiCalls("wr_quick")).isEqualTo(1);
	}

	@Test
	void waitForCompletionFinishesOnTheWebhook() throws Exception {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_later")).willReturn(okJson(run("wr_later", "running"))));
		CompletableFuture<SkyvernRun> waiting = CompletableFuture
			.supplyAsync(() -> this.template.waitForCompletion("wr_later", Duration.ofMinutes(10)));
		awaitQuickly().until(() -> polls("wr_later") == 1);
		deliverWebhook("wr_later", "canceled");
		assertThat(waiting.get(10, TimeUnit.SECONDS).status()).isEqualTo(RunStatus.CANCELED);
		assertThat(polls("wr_later")).isEqualTo(1);
	}

	@Test
	void defaultBodyLimitTakesARunWithAMultiMegabyteOutput() {
		// A workflow webhook carries the output twice: as "output" and as the legacy "outputs".
		String output = "{\"rows\":\"" + "x".repeat(6 * 1024 * 1024) + "\"}";
		byte[] body = ("{\"run_id\":\"wr_big\",\"status\":\"completed\",\"output\":" + output + ",\"outputs\":" + output
				+ "}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(body.length).isGreaterThan(12 * 1024 * 1024);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("x-skyvern-signature", SkyvernWebhookVerifier.sign(body, API_KEY));
		assertThat(this.webhooks.post(body, headers).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events("wr_big")).singleElement()
			.satisfies((event) -> assertThat(event.getRun().output().get("rows").asString()).hasSize(6 * 1024 * 1024));
	}

	@Test
	void noApiCallIsMadeForARunNobodyWaitsFor() {
		assertThat(deliverWebhook("wr_elsewhere", "completed").statusCode()).isEqualTo(200);
		assertThat(skyvern.findAll(getRequestedFor(urlPathMatching("/v1/runs/.*")))).isEmpty();
		assertThat(List.of(this.recorder.events("wr_elsewhere").size())).containsExactly(1);
	}

}
