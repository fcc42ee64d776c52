package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A call the connection pool refused was never sent: it is a connect failure, so even a run start
 * is retried.
 */
class SkyvernConnectionPoolTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void runStartRefusedByAFullConnectionPoolIsRetriedAsNeverSent() {
		// The slow reads' answers are held longer than the test runs: they end when cancelled.
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_slow"))
			.willReturn(okJson(SkyvernTestRuns.run("wr_slow", "running")).withFixedDelay(5_000)));
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(SkyvernTestRuns.run("wr_1", "created"))));
		AtomicReference<ConnectionPoolMetrics> poolMetrics = new AtomicReference<>();
		ConnectionProvider pool = ConnectionProvider.builder("one-connection")
			.maxConnections(1)
			.pendingAcquireMaxCount(1)
			.metrics(true, () -> (name, id, address, metrics) -> poolMetrics.set(metrics))
			.build();
		List<Throwable> retried = new CopyOnWriteArrayList<>();
		CountingVirtualTimeScheduler retryTimer = new CountingVirtualTimeScheduler();
		SkyvernApiClient client = SkyvernApiClient
			.builder(WebClient.builder()
				.baseUrl(skyvern.baseUrl())
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
				.build(), "sk-test")
			.maxRetries(20)
			.retryPolicy(DefaultSkyvernRetryPolicy.builder()
				.initialDelay(Duration.ofMillis(50))
				.jitter(Duration.ZERO)
				.scheduler(retryTimer)
				.listener((operation, failure, retry, delay) -> retried.add(failure))
				.build())
			.build();
		try {
			// Two slow reads hold the only connection and the only queue place.
			Mono<SkyvernRun> slow = client.getRun("wr_slow", RequestOptions.builder().maxRetries(0).build());
			Disposable holding = slow.subscribe();
			Disposable queued = slow.subscribe();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> poolMetrics.get() != null && poolMetrics.get().acquiredSize() == 1
						&& poolMetrics.get().pendingAcquireSize() == 1);
			CompletableFuture<SkyvernRun> run = client
				.runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none())
				.toFuture();
			retryTimer.awaitPending(1);
			assertThat(retried).hasSize(1);
			// The queued read leaves first, so the connection the held one frees goes to the run start.
			queued.dispose();
			holding.dispose();
			while (!run.isDone()) {
				retryTimer.advanceTimeBy(Duration.ofMillis(50));
				await().atMost(Duration.ofSeconds(30)).until(() -> run.isDone() || retryTimer.pending() == 1);
			}
			assertThat(run.join().runId()).isEqualTo("wr_1");
			assertThat(retried).isNotEmpty()
				.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(SkyvernTransportException.class,
						(transport) -> {
							assertThat(transport.getKind()).isEqualTo(SkyvernTransportException.Kind.CONNECT);
							assertThat(transport.runMayHaveBeenCreated()).isFalse();
						}));
			skyvern.verify(1, postRequestedFor(urlEqualTo("/v1/run/agents")));
		}
		finally {
			pool.dispose();
		}
	}

}
