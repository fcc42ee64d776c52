package io.github.skyvernstarter.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The JDK HttpClient the starter builds for itself (what a servlet application without Reactor
 * Netty gets): its threads do not grow with the calls in flight, and its connections are bounded like
 * Reactor Netty's pool. Counts, not timings: a loopback server holds every request it receives
 * (without holding a thread) until the test lets them go.
 */
class SkyvernJdkHttpClientTests {

	private static final String RUN = """
			{"run_id":"wr_1","status":"running","created_at":"2026-08-22T18:30:00","run_type":"workflow_run"}""";

	private final Queue<HttpExchange> held = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean holding = new AtomicBoolean();

	private final AtomicInteger received = new AtomicInteger();

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
		this.server.createContext("/", (exchange) -> {
			this.received.incrementAndGet();
			if (this.holding.get()) {
				this.held.add(exchange);
			}
			else {
				answer(exchange);
			}
		});
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
	}

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=sk-jdk-client-test",
					"skyvern.base-url=http://127.0.0.1:" + this.server.getAddress().getPort(),
					"spring.http.clients.reactive.connector=jdk");
	}

	@Test
	void threadsAndConnectionsStayBoundedWhateverTheCallsInFlight() {
		int calls = SkyvernAutoConfiguration.JDK_MAX_IN_FLIGHT + 100;
		contextRunner().run((context) -> {
			ReactiveSkyvernWorkflowOperations operations = context.getBean(ReactiveSkyvernWorkflowOperations.class);
			assertThat(operations.getRun("wr_1").block().runId()).isEqualTo("wr_1");
			int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
			this.holding.set(true);
			List<CompletableFuture<SkyvernRun>> results = new ArrayList<>();
			for (int i = 0; i < calls; i++) {
				results.add(operations.getRun("wr_1").toFuture());
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> this.held.size() >= SkyvernAutoConfiguration.JDK_MAX_IN_FLIGHT);
			// At most as many requests (and connections) as the limit; the rest wait without a thread.
			assertThat(this.held).hasSize(SkyvernAutoConfiguration.JDK_MAX_IN_FLIGHT);
			assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore).isLessThan(16);
			// Per client (each context builds its own; an earlier test's threads may still be idling).
			Map<String, Long> threadsPerClient = Thread.getAllStackTraces()
				.keySet()
				.stream()
				.map(Thread::getName)
				.filter((name) -> name.startsWith("skyvern-http-"))
				.collect(Collectors.groupingBy((name) -> name.substring(0, name.lastIndexOf('-')),
						Collectors.counting()));
			assertThat(threadsPerClient.values()).allSatisfy((count) -> assertThat(count)
				.isLessThanOrEqualTo(Math.max(4, Runtime.getRuntime().availableProcessors())));
			this.holding.set(false);
			HttpExchange exchange;
			while ((exchange = this.held.poll()) != null) {
				answer(exchange);
			}
			for (CompletableFuture<SkyvernRun> result : results) {
				assertThat(result.get().runId()).isEqualTo("wr_1");
			}
			assertThat(this.received).hasValue(calls + 1);
		});
	}

	@Test
	void responsesAreProcessedOnTheClientsExecutorWhereTheJdkWouldStartAThreadPerResponse() {
		contextRunner().run((context) -> {
			ReactiveSkyvernWorkflowOperations operations = context.getBean(ReactiveSkyvernWorkflowOperations.class);
			Set<String> threads = ConcurrentHashMap.newKeySet();
			for (int i = 0; i < 20; i++) {
				operations.getRun("wr_1").doOnNext((run) -> threads.add(Thread.currentThread().getName())).block();
			}
			if (JdkHttpClientExecutor.completesOnThreadPerTask()) {
				// Java 17 to 23 with fewer than 3 cores: the JDK's thread per response only hands it over.
				assertThat(threads).allSatisfy((name) -> assertThat(name).startsWith("skyvern-http-"));
			}
			else {
				assertThat(threads).isNotEmpty();
			}
		});
	}

	private static void answer(HttpExchange exchange) throws IOException {
		byte[] body = RUN.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
