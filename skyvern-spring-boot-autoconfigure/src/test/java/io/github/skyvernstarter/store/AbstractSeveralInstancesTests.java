package io.github.skyvernstarter.store;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances of an application (real HTTP servers on random ports) share one store: each
 * delivery of a run is processed once across them, waits finish wherever the webhook arrives, and a
 * store outage is answered 503 until the store returns. Subclasses give the store; tables and keys
 * carry a random prefix, so runs repeat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AbstractSeveralInstancesTests {

	static final String API_KEY = "sk-several-instances-test-key";

	final String prefix = "SKY" + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
			+ "_";

	final WireMockServer skyvern = new WireMockServer(options().dynamicPort());

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	TcpProxy proxy;

	/** The store's port on loopback, or 0 for an embedded store. */
	abstract int storePort();

	/** The properties that point an instance at the store through the given port. */
	abstract Map<String, Object> storeProperties(int port);

	/** Remove this run's tables or keys. */
	abstract void dropStore() throws Exception;

	@BeforeAll
	void startInstances() throws Exception {
		this.skyvern.start();
		this.proxy = (storePort() != 0) ? new TcpProxy(storePort()) : null;
		for (int i = 0; i < 3; i++) {
			this.instances.add(start(Map.of()));
		}
	}

	@AfterAll
	void stopInstances() throws Exception {
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.skyvern.stop();
		if (this.proxy != null) {
			this.proxy.close();
		}
		dropStore();
	}

	ConfigurableApplicationContext start(Map<String, Object> extra) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.main.web-application-type", "servlet");
		properties.put("spring.main.banner-mode", "off");
		properties.put("skyvern.api-key", API_KEY);
		properties.put("skyvern.base-url", "http://127.0.0.1:" + this.skyvern.port());
		properties.put("skyvern.webhooks.public-url", "https://app.example.com");
		properties.put("skyvern.store.lease", "2s");
		properties.put("skyvern.reconciler.interval", "2s");
		properties.put("skyvern.reconciler.grace", "0s");
		properties.put("spring.application.name", "orders");
		// Closing one instance must not dispose the Reactor Netty resources the others share in this JVM.
		properties.put("spring.http.clients.reactive.connector", "jdk");
		properties.putAll(storeProperties((this.proxy != null) ? this.proxy.port() : 0));
		properties.putAll(extra);
		return new SpringApplicationBuilder(StoreTestApplication.class).properties(properties).run();
	}

	static String run(String runId, String status) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"output\":"
				+ ("completed".equals(status) ? "{\"total\":42}" : "null")
				+ ",\"run_type\":\"workflow_run\",\"created_at\":\"2026-08-22T18:30:00.160725\"}";
	}

	static String newRunId() {
		return "wr_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	CompletableFuture<HttpResponse<String>> deliverAsync(int instance, String runId) {
		byte[] body = run(runId, "completed").getBytes(StandardCharsets.UTF_8);
		int port = ((WebServerApplicationContext) this.instances.get(instance)).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/skyvern/webhooks"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("x-skyvern-signature", SkyvernWebhookVerifier.sign(body, API_KEY))
			.header("x-skyvern-timestamp", "1787423712")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
	}

	int deliver(int instance, String runId) {
		return deliverAsync(instance, runId).join().statusCode();
	}

	StoreTestApplication.Recorder recorder(int instance) {
		return this.instances.get(instance).getBean(StoreTestApplication.Recorder.class);
	}

	int events(String runId) {
		return this.instances.stream()
			.mapToInt((instance) -> instance.getBean(StoreTestApplication.Recorder.class).events(runId).size())
			.sum();
	}

	@Test
	void hundredConcurrentDeliveriesOverThreeInstancesPublishOneEvent() {
		String runId = newRunId();
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			answers.add(deliverAsync(i % 3, runId));
		}
		List<Integer> statuses = answers.stream().map((answer) -> answer.join().statusCode()).toList();
		assertThat(statuses).isSubsetOf(200, 425).contains(200);
		assertThat(events(runId)).isEqualTo(1);
		assertThat(deliver(2, runId)).isEqualTo(200);
		assertThat(events(runId)).isEqualTo(1);
	}

	@Test
	void deliveryWhoseListenerFailedOnOneInstanceIsProcessedOnceOnAnother() {
		String runId = newRunId();
		recorder(0).once(runId, (event) -> {
			throw new IllegalStateException("listener failed once");
		});
		assertThat(deliver(0, runId)).isEqualTo(500);
		assertThat(events(runId)).isZero();
		assertThat(deliver(1, runId)).isEqualTo(200);
		assertThat(deliver(2, runId)).isEqualTo(200);
		assertThat(recorder(1).events(runId)).hasSize(1);
		assertThat(events(runId)).isEqualTo(1);
	}

	/**
	 * Start a run on an instance and wait for it there, once Skyvern has answered the start.
	 */
	CompletableFuture<SkyvernRun> startWait(ConfigurableApplicationContext instance, String runId) {
		this.skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(run(runId, "queued"))));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId)).willReturn(okJson(run(runId, "completed"))));
		ReactiveSkyvernWorkflowOperations template = instance.getBean(ReactiveSkyvernWorkflowOperations.class);
		SharedRunCompletionSource waits = instance.getBean(SharedRunCompletionSource.class);
		int before = waits.waitedRuns();
		CompletableFuture<SkyvernRun> waited = template
			.runWorkflow(RunWorkflowRequest.builder("wpid_1").waitForCompletion().build())
			.toFuture();
		// Subscribed, not blocked on: a blocked ForkJoinPool thread can starve the JDK HttpClient on Java 25.
		await().atMost(Duration.ofSeconds(10)).failFast(waited::isDone).until(() -> waits.waitedRuns() > before);
		return waited;
	}

	@Test
	void waitOnOneInstanceFinishesWithinTwoSecondsOfTheWebhookReachingAnother() throws Exception {
		String runId = newRunId();
		CompletableFuture<SkyvernRun> waited = startWait(this.instances.get(0), runId);
		assertThat(deliver(2, runId)).isEqualTo(200);
		long delivered = System.nanoTime();
		SkyvernRun run = waited.get(10, TimeUnit.SECONDS);
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - delivered);
		assertThat(run.runId()).isEqualTo(runId);
		assertThat(elapsedMillis).isLessThan(2000);
		assertThat(run.output().get("total").asInt()).isEqualTo(42);
		// The run came from the store, as instance C received it: the start was the only call to Skyvern.
		assertThat(this.skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/" + runId)))).isEmpty();
	}

	@Test
	void deliveryClaimedByAnInstanceThatDiedIsProcessedAfterTheLease() throws Exception {
		String runId = newRunId();
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch end = new CountDownLatch(1);
		recorder(0).once(runId, (event) -> {
			entered.countDown();
			try {
				end.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			// Never returns normally: as if the instance died in the listener.
			throw new IllegalStateException("instance died");
		});
		CompletableFuture<HttpResponse<String>> dying = deliverAsync(0, runId);
		assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(deliver(1, runId)).isEqualTo(425);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> deliver(1, runId) == 200);
		assertThat(recorder(1).events(runId)).hasSize(1);
		end.countDown();
		assertThat(dying.join().statusCode()).isEqualTo(500);
		assertThat(deliver(2, runId)).isEqualTo(200);
		assertThat(events(runId)).isEqualTo(1);
	}

	@Test
	@Order(Integer.MAX_VALUE)
	void runWhoseDeliveriesAllFailedDuringARestartGetsOneEventWithinOneReconcileInterval() throws Exception {
		String runId = newRunId();
		String taskId = "tsk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		this.skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(run(runId, "queued"))));
		this.skyvern.stubFor(post(urlEqualTo("/v1/run/tasks"))
			.willReturn(okJson(run(taskId, "queued").replace("workflow_run", "task_v1"))));
		ConfigurableApplicationContext before = start(Map.of());
		int port = ((WebServerApplicationContext) before).getWebServer().getPort();
		SkyvernWorkflowOperations template = before.getBean(SkyvernWorkflowOperations.class);
		template.runWorkflow(RunWorkflowRequest.builder("wpid_1").build());
		template.runTask(TaskRunRequest.builder("Find the invoice").url("https://example.com").build());
		before.close();
		// Skyvern's three attempts find no server.
		for (int attempt = 0; attempt < 3; attempt++) {
			assertThat(canConnect(port)).isFalse();
		}
		// The workflow run is listed by this application's tag; the task run, untagged, by run type.
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).withQueryParam("tags", equalTo("spring-app:orders"))
			.willReturn(okJson("[" + summary(runId) + "]")));
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).withQueryParam("run_type", equalTo("task_v1"))
			.willReturn(okJson("[" + summary(taskId) + "]")));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId)).willReturn(okJson(run(runId, "completed"))));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/" + taskId))
			.willReturn(okJson(run(taskId, "completed").replace("workflow_run", "task_v1"))));
		ConfigurableApplicationContext after = start(Map.of());
		try {
			long started = System.nanoTime();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> events(runId, after) == 1 && events(taskId, after) == 1);
			// One interval (2 s) until the first pass, plus the pass itself.
			assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(4000);
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> events(runId, after) == 1 && events(taskId, after) == 1);
			this.skyvern.verify(getRequestedFor(urlPathEqualTo("/v1/runs")).withQueryParam("tags",
					equalTo("spring-app:orders")));
			this.skyvern.verify(getRequestedFor(urlPathEqualTo("/v1/runs")).withQueryParam("run_type",
					equalTo("task_v1")).withoutQueryParam("tags"));
			assertThat(deliver(0, runId)).isEqualTo(200);
			assertThat(events(runId, after)).isEqualTo(1);
		}
		finally {
			after.close();
		}
	}

	private static String summary(String runId) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"completed\",\"created_at\":\"2026-08-22T18:30:00\","
				+ "\"finished_at\":\"2026-08-22T18:31:00\",\"workflow_deleted\":false,\"script_run\":false}";
	}

	private int events(String runId, ConfigurableApplicationContext extra) {
		return events(runId) + extra.getBean(StoreTestApplication.Recorder.class).events(runId).size();
	}

	private static boolean canConnect(int port) {
		try (java.net.Socket socket = new java.net.Socket()) {
			socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
			return true;
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

	@Test
	void storeOutageIsAnswered503WithoutAnEventAndProcessingResumesAfterwards() {
		org.junit.jupiter.api.Assumptions.assumeTrue(this.proxy != null, "an embedded store has no outage");
		String runId = newRunId();
		this.proxy.cut();
		try {
			HttpResponse<String> answer = deliverAsync(0, runId).join();
			assertThat(answer.statusCode()).isEqualTo(503);
			assertThat(answer.headers().firstValue("Retry-After")).isPresent();
			assertThat(deliver(1, runId)).isEqualTo(503);
			assertThat(events(runId)).isZero();
		}
		finally {
			this.proxy.restore();
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> deliver(2, runId) == 200);
		assertThat(deliver(0, runId)).isEqualTo(200);
		assertThat(events(runId)).isEqualTo(1);
	}

}
