package io.github.skyvernstarter.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.retry.SkyvernRetryListener;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import io.github.skyvernstarter.support.RecordingScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

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
import static org.awaitility.Awaitility.await;

/**
 * Fault tests for retries and timeouts: what is sent again, counted on the server side. Nothing
 * sleeps: retry delays are recorded and skipped, response timeouts and polls run on virtual time, and
 * a {@code Retry-After} date is read against a fixed clock.
 */
class SkyvernRetryTests {

	private static final String KEY = "sk-retry-secret-0815";

	private static final String RUN_PATH = "/v1/run/agents";

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** The time of the fixed clock: Retry-After dates are measured from it. */
	private static final Instant NOW = Instant.parse("2026-08-22T18:30:00Z");

	private static final Duration HELD = Duration.ofSeconds(5);

	private final List<String> retries = new CopyOnWriteArrayList<>();

	private final RecordingScheduler retryDelays = new RecordingScheduler();

	private final CountingVirtualTimeScheduler responseTimer = new CountingVirtualTimeScheduler();

	private SkyvernApiClient client(String baseUrl, Duration responseTimeout, SkyvernRetryListener extraListener) {
		DefaultSkyvernRetryPolicy policy = DefaultSkyvernRetryPolicy.builder()
			.initialDelay(Duration.ofMillis(10))
			.multiplier(2.0)
			.maxDelay(Duration.ofMillis(50))
			.jitter(Duration.ZERO)
			.maxRetryAfter(Duration.ofSeconds(30))
			.scheduler(this.retryDelays)
			.listener((operation, failure, retry, delay) -> {
				this.retries.add(operation.operationName() + "#" + retry);
				extraListener.onRetry(operation, failure, retry, delay);
			})
			.build();
		return SkyvernApiClient.builder(WebClient.builder().baseUrl(baseUrl).build(), KEY)
			.responseTimeout(responseTimeout)
			.maxRetries(3)
			.retryPolicy(policy)
			.clock(Clock.fixed(NOW, ZoneOffset.UTC))
			.timer(this.responseTimer)
			.build();
	}

	private SkyvernApiClient client() {
		return client(skyvern.baseUrl(), Duration.ofSeconds(5), (operation, failure, retry, delay) -> {
		});
	}

	/**
	 * Start a call whose answer the server holds, and end its attempt by the response timeout once the
	 * server has the request: the timeout fires on virtual time, not after a real wait.
	 */
	private <T> Mono<T> timedOut(Mono<T> call, Duration timeout, Supplier<Integer> requestsReceived) {
		CompletableFuture<T> result = call.toFuture();
		await().atMost(Duration.ofSeconds(30)).until(() -> requestsReceived.get() == 1);
		this.responseTimer.advanceTimeBy(timeout);
		return Mono.fromFuture(result);
	}

	private void stubSequence(Supplier<MappingBuilder> request, ResponseDefinitionBuilder... responses) {
		String state = Scenario.STARTED;
		for (int i = 0; i < responses.length; i++) {
			String next = "step-" + (i + 1);
			skyvern.stubFor(request.get().inScenario("sequence")
				.whenScenarioStateIs(state)
				.willReturn(responses[i])
				.willSetStateTo(next));
			state = next;
		}
	}

	private static ResponseDefinitionBuilder status(int status) {
		return aResponse().withStatus(status).withBody("{\"detail\":\"status " + status + "\"}");
	}

	private static ResponseDefinitionBuilder run(String runId,
			String status) {
		return okJson(SkyvernTestRuns.run(runId, status));
	}

	@Test
	void retriesGetOn503Then503ThenSucceeds() {
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_1")), status(503), status(503), run("wr_1", "running"));
		SkyvernRun run = client().getRun("wr_1", RequestOptions.none()).block();
		assertThat(run.status()).isEqualTo(RunStatus.RUNNING);
		skyvern.verify(3, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
		assertThat(this.retries).containsExactly("get#1", "get#2");
		assertThat(this.retryDelays.delays()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20));
	}

	@Test
	void retriesGetOn408And500And502And504() {
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_1")), status(408), status(500), status(502), run("wr_1", "queued"));
		assertThat(client().getRun("wr_1", RequestOptions.none()).block().status()).isEqualTo(RunStatus.QUEUED);
		skyvern.verify(4, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void givesUpAfterMaxRetriesWithTheLastError() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(status(503)));
		assertThatExceptionOfType(SkyvernServerException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.none()).block())
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
		skyvern.verify(4, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
		// Exponential back-off, capped at the maximum delay.
		assertThat(this.retryDelays.delays()).containsExactly(Duration.ofMillis(10), Duration.ofMillis(20),
				Duration.ofMillis(40));
	}

	@Test
	void retriesGetOn429WithRetryAfterSeconds() {
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_1")),
				aResponse().withStatus(429).withHeader("Retry-After", "7").withBody("{\"detail\":\"slow down\"}"),
				run("wr_1", "running"));
		assertThat(client().getRun("wr_1", RequestOptions.none()).block().runId()).isEqualTo("wr_1");
		skyvern.verify(2, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
		assertThat(this.retryDelays.delays()).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void retriesGetOn429WithRetryAfterHttpDate() {
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_1")),
				aResponse().withStatus(429).withHeader("Retry-After", "Sat, 22 Aug 2026 18:30:12 GMT"),
				run("wr_1", "running"));
		assertThat(client().getRun("wr_1", RequestOptions.none()).block().runId()).isEqualTo("wr_1");
		skyvern.verify(2, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
		assertThat(this.retryDelays.delays()).containsExactly(Duration.ofSeconds(12));
	}

	@Test
	void readsRetryAfterAsSecondsOrHttpDate() {
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse("Sat, 22 Aug 2026 18:30:05 GMT", clock)).isEqualTo(Duration.ofSeconds(5));
		assertThat(RetryAfter.parse("Sat, 22 Aug 2026 18:29:00 GMT", clock)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfter.parse("soon", clock)).isNull();
		assertThat(RetryAfter.parse(null, clock)).isNull();
	}

	@Test
	void retriesGetAfterConnectionReset() {
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_1")), aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				run("wr_1", "running"));
		assertThat(client().getRun("wr_1", RequestOptions.none()).block().runId()).isEqualTo("wr_1");
		assertThat(this.retries).containsExactly("get#1");
		skyvern.verify(2, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void doesNotRetryGetOn404() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(status(404)));
		assertThatExceptionOfType(SkyvernNotFoundException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.none()).block());
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void doesNotRetryGetOn403() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(status(403)));
		assertThatExceptionOfType(SkyvernAuthenticationException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.none()).block());
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void doesNotRetryOn400And409And422() {
		for (int status : new int[] { 400, 409, 422 }) {
			skyvern.resetAll();
			skyvern.stubFor(post(urlEqualTo("/v1/runs/wr_1/cancel")).willReturn(status(status)));
			assertThatExceptionOfType(SkyvernApiException.class)
				.isThrownBy(() -> client().cancelRun("wr_1", RequestOptions.none()).block())
				.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(status));
			skyvern.verify(1, postRequestedFor(urlEqualTo("/v1/runs/wr_1/cancel")));
		}
	}

	@Test
	void retriesCancelOn503() {
		stubSequence(() -> post(urlEqualTo("/v1/runs/wr_1/cancel")), status(503), okJson("null"));
		client().cancelRun("wr_1", RequestOptions.none()).block();
		skyvern.verify(2, postRequestedFor(urlEqualTo("/v1/runs/wr_1/cancel")));
	}

	@Test
	void neverRetriesRunStartOn503AndSaysRunMayExist() {
		skyvern.stubFor(post(urlEqualTo(RUN_PATH)).willReturn(status(503)));
		assertThatExceptionOfType(SkyvernServerException.class)
			.isThrownBy(() -> client().runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none())
				.block())
			.satisfies((ex) -> {
				assertThat(ex.runMayHaveBeenCreated()).isTrue();
				assertThat(ex.getMessage()).contains("may or may not have been created").contains("GET /v1/runs");
			});
		skyvern.verify(1, postRequestedFor(urlEqualTo(RUN_PATH)));
		assertThat(this.retries).isEmpty();
	}

	@Test
	void neverRetriesRunStartAfterConnectionResetOnceSent() {
		skyvern.stubFor(post(urlEqualTo(RUN_PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		assertThatExceptionOfType(SkyvernTransportException.class)
			.isThrownBy(() -> client().runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none())
				.block())
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(SkyvernTransportException.Kind.CONNECTION_LOST);
				assertThat(ex.runMayHaveBeenCreated()).isTrue();
				assertThat(ex.getMessage()).contains("may or may not have been created");
			});
		skyvern.verify(1, postRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void neverRetriesRunStartAfterResponseTimeout() {
		skyvern.stubFor(post(urlEqualTo(RUN_PATH)).willReturn(run("wr_1", "created").withFixedDelay((int) HELD.toMillis())));
		SkyvernApiClient client = client(skyvern.baseUrl(), Duration.ofMillis(200), (operation, failure, retry,
				delay) -> {
		});
		Mono<SkyvernRun> start = timedOut(
				client.runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none()),
				Duration.ofMillis(200), () -> skyvern.findAll(postRequestedFor(urlEqualTo(RUN_PATH))).size());
		assertThatExceptionOfType(SkyvernTransportException.class).isThrownBy(start::block)
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(SkyvernTransportException.Kind.RESPONSE_TIMEOUT);
				assertThat(ex.getMessage()).contains("response timeout of PT0.2S")
					.contains("may or may not have been created");
			});
		skyvern.verify(1, postRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void retriesRunStartOn429() {
		stubSequence(() -> post(urlEqualTo(RUN_PATH)), aResponse().withStatus(429), run("wr_9", "created"));
		SkyvernRun run = client().runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none())
			.block();
		assertThat(run.runId()).isEqualTo("wr_9");
		skyvern.verify(2, postRequestedFor(urlEqualTo(RUN_PATH)));
	}

	@Test
	void retriesRunStartWhenConnectionIsRefused() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		// Nothing listens on the port at first; the server comes up when the first retry is scheduled.
		WireMockServer late = new WireMockServer(wireMockConfig().port(port));
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		late.stubFor(post(urlEqualTo(RUN_PATH)).willReturn(run("wr_late", "created")));
		try {
			SkyvernApiClient client = client("http://localhost:" + port, Duration.ofSeconds(5),
					(operation, failure, retry, delay) -> {
						if (retry == 1) {
							firstFailure.set(failure);
							late.start();
						}
					});
			SkyvernRun run = client.runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none())
				.block();
			assertThat(run.runId()).isEqualTo("wr_late");
			assertThat(firstFailure.get()).isInstanceOf(SkyvernTransportException.class)
				.extracting((ex) -> ((SkyvernTransportException) ex).getKind())
				.isEqualTo(SkyvernTransportException.Kind.CONNECT);
			late.verify(1, postRequestedFor(urlEqualTo(RUN_PATH)));
		}
		finally {
			late.stop();
		}
	}

	@Test
	void slowResponseFailsWithTimeoutErrorNamingTheLimit() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(run("wr_1", "running").withFixedDelay((int) HELD.toMillis())));
		SkyvernApiClient client = client(skyvern.baseUrl(), Duration.ofMillis(150), (operation, failure, retry,
				delay) -> {
		});
		Mono<SkyvernRun> get = timedOut(client.getRun("wr_1", RequestOptions.builder().maxRetries(0).build()),
				Duration.ofMillis(150), () -> skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/wr_1"))).size());
		assertThatExceptionOfType(SkyvernTransportException.class).isThrownBy(get::block)
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(SkyvernTransportException.Kind.RESPONSE_TIMEOUT);
				assertThat(ex.getMessage()).contains("response timeout of PT0.15S").contains("skyvern.response-timeout");
				assertThat(ex.runMayHaveBeenCreated()).isFalse();
			});
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void perRequestTimeoutOverridesTheConfiguredOne() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(run("wr_1", "running").withFixedDelay((int) HELD.toMillis())));
		// The client's own timeout is 5 s: only the call's 100 ms can end the attempt when 100 ms pass.
		Mono<SkyvernRun> get = timedOut(
				client().getRun("wr_1", RequestOptions.builder().timeout(Duration.ofMillis(100)).maxRetries(0).build()),
				Duration.ofMillis(100), () -> skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/wr_1"))).size());
		assertThatExceptionOfType(SkyvernTransportException.class).isThrownBy(get::block)
			.withMessageContaining("PT0.1S");
	}

	@Test
	void retriesGetAfterResponseTimeout() {
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_1")), run("wr_1", "running").withFixedDelay((int) HELD.toMillis()),
				run("wr_1", "completed"));
		SkyvernApiClient client = client(skyvern.baseUrl(), Duration.ofMillis(200), (operation, failure, retry,
				delay) -> {
		});
		Mono<SkyvernRun> get = timedOut(client.getRun("wr_1", RequestOptions.none()), Duration.ofMillis(200),
				() -> skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/wr_1"))).size());
		assertThat(get.block().status()).isEqualTo(RunStatus.COMPLETED);
		skyvern.verify(2, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void malformedBodyFailsClearlyAndIsNotRetried() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(okJson("{\"run_id\": \"wr_1\", \"status\": ")));
		assertThatExceptionOfType(SkyvernMalformedResponseException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.none()).block())
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("cannot read").contains("GET /v1/runs/{runId}"));
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void perRequestMaxRetriesOverridesTheConfiguredOne() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(status(503)));
		assertThatExceptionOfType(SkyvernServerException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.builder().maxRetries(0).build()).block());
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
		skyvern.resetRequests();
		assertThatExceptionOfType(SkyvernServerException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.builder().maxRetries(1).build()).block());
		skyvern.verify(2, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void waitSurvivesA503AndADroppedConnectionWhilePolling() {
		skyvern.stubFor(post(urlEqualTo(RUN_PATH)).willReturn(run("wr_w", "created")));
		stubSequence(() -> get(urlEqualTo("/v1/runs/wr_w")), run("wr_w", "running"), status(503),
				aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), run("wr_w", "running"),
				run("wr_w", "completed"));
		CountingVirtualTimeScheduler pollTimer = new CountingVirtualTimeScheduler();
		ReactiveSkyvernWorkflowTemplate template = ReactiveSkyvernWorkflowTemplate.builder(client())
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(10), Duration.ofMillis(10)))
			.timer(pollTimer)
			.build();
		SkyvernRun run = pollTimer.drive(
				() -> template.runWorkflow(RunWorkflowRequest.builder("wpid_1").waitForCompletion().build()).block(),
				Duration.ofMillis(10), 2);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		skyvern.verify(1, postRequestedFor(urlEqualTo(RUN_PATH)));
		skyvern.verify(5, getRequestedFor(urlEqualTo("/v1/runs/wr_w")));
	}

	@Test
	void perRequestOptionsApplyToThatRequestOnly() {
		skyvern.stubFor(post(urlPathEqualTo(RUN_PATH)).willReturn(run("wr_1", "created")));
		SkyvernApiClient client = client();
		RequestOptions options = RequestOptions.builder()
			.header("x-trace", "abc")
			.queryParameter("debug", "1")
			.bodyParameter("title", "overridden")
			.bodyParameter("extra_field", 7)
			.apiKey("sk-other-key")
			.build();
		client.runWorkflow(RunWorkflowRequest.builder("wpid_1").title("original").build(), options).block();
		client.runWorkflow(RunWorkflowRequest.builder("wpid_1").title("original").build(), RequestOptions.none())
			.block();
		var requests = skyvern.findAll(postRequestedFor(urlPathEqualTo(RUN_PATH)));
		assertThat(requests).hasSize(2);
		var first = requests.get(0);
		assertThat(first.getHeader("x-trace")).isEqualTo("abc");
		assertThat(first.getHeader("x-api-key")).isEqualTo("sk-other-key");
		assertThat(first.queryParameter("debug").firstValue()).isEqualTo("1");
		assertThat(first.getBodyAsString()).contains("\"title\":\"overridden\"").contains("\"extra_field\":7");
		var second = requests.get(1);
		assertThat(second.containsHeader("x-trace")).isFalse();
		assertThat(second.getHeader("x-api-key")).isEqualTo(KEY);
		assertThat(second.getQueryParams()).doesNotContainKey("debug");
		assertThat(second.getBodyAsString()).contains("\"title\":\"original\"").doesNotContain("extra_field");
	}

	@Test
	void optionsToStringNeverShowsTheKey() {
		assertThat(RequestOptions.builder().apiKey("sk-very-secret").build().toString())
			.doesNotContain("sk-very-secret");
	}

	@Test
	void noRequestCarriesTheKeyAnywhereButTheKeyHeader() {
		skyvern.stubFor(get(anyUrl()).willReturn(status(500)));
		assertThatExceptionOfType(SkyvernServerException.class)
			.isThrownBy(() -> client().getRun("wr_1", RequestOptions.builder().maxRetries(0).build()).block())
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(KEY));
		skyvern.findAll(anyRequestedFor(anyUrl())).forEach((request) -> {
			assertThat(request.getUrl()).doesNotContain(KEY);
			assertThat(request.getHeader("User-Agent")).doesNotContain(KEY);
		});
	}

}
