package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.skyvernstarter.autoconfigure.SkyvernAutoConfiguration;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.error.SkyvernResponseTooLargeException;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Exchanges that end before their answer was read (a response timeout, the end of a wait, an answer
 * over the size limit) release their connection and log nothing at ERROR, on both connectors. Open
 * connections are counted on the server side.
 */
@ExtendWith(OutputCaptureExtension.class)
class SkyvernCancelledExchangeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-cancelled-exchange-1234", "skyvern.response-timeout=1s",
				"skyvern.max-response-size=16MB", "skyvern.retry.enabled=false");

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void abandonedExchangesReleaseTheirConnections(String connector) throws Exception {
		// Over the limit, and more than Spring's JDK connector reads by itself after a cancellation
		// (a few MB, what its buffers asked for); the JDK connector's drain reads up to twice the limit.
		int size = 24 * 1024 * 1024;
		for (ConnectionCountingServer server : List.of(ConnectionCountingServer.silent(),
				ConnectionCountingServer.pausingBodyOf(size, Duration.ofMillis(1200)),
				ConnectionCountingServer.bodyOf(size), ConnectionCountingServer.chunkedBodyOf(size))) {
			try (server) {
				run(connector, server, (context) -> {
					abandonEveryWay(context);
					await().atMost(Duration.ofSeconds(20)).until(() -> server.requests() > 0);
					// A paused answer goes on after its reader gave up: the rest must not be left unread.
					await().atMost(Duration.ofSeconds(20)).until(server::pausedAnswersResumed);
					// The server ends its side, as one does when it gives up on an exchange or an idle
					// connection: the client must close each socket, not keep it in CLOSE_WAIT.
					server.closeOutputs();
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(server.openConnections()).as(server.baseUrl()).isZero());
				});
			}
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void abandonedExchangesLogNoError(String connector, CapturedOutput output) throws Exception {
		try (ConnectionCountingServer silent = ConnectionCountingServer.silent();
				ConnectionCountingServer stalledBody = ConnectionCountingServer.headersThenSilence()) {
			for (ConnectionCountingServer server : List.of(silent, stalledBody)) {
				run(connector, server, SkyvernCancelledExchangeTests::abandonEveryWay);
			}
			// Give a late drop (the JDK's client fails a cancelled request on its own thread) time to
			// be logged before looking.
			Thread.sleep(500);
		}
		assertThat(output).doesNotContain("onErrorDropped").doesNotContain(" ERROR ");
	}

	@Test
	void cancellationWhileTheAnswerIsDeliveredLogsNoError(CapturedOutput output) throws Exception {
		try (ConnectionCountingServer server = ConnectionCountingServer.bodyOf(2)) {
			// Spring's Reactor Netty connector fails the body of an answer that a cancellation released
			// while it was being handed over; this filter cancels the call at exactly that moment, as a
			// response timeout now and then does.
			AtomicReference<Disposable> call = new AtomicReference<>();
			CountDownLatch cancelled = new CountDownLatch(1);
			WebClient webClient = WebClient.builder()
				.baseUrl(server.baseUrl())
				.clientConnector(ClientHttpConnectorBuilder.reactor().build(HttpClientSettings.defaults()))
				.filter((request, next) -> next.exchange(request).doOnNext((response) -> {
					while (call.get() == null) {
						Thread.onSpinWait();
					}
					call.get().dispose();
					cancelled.countDown();
				}))
				.build();
			SkyvernApiClient client = new SkyvernApiClient(webClient, "sk-test", Duration.ofSeconds(5),
					SkyvernRetryPolicy.none());
			Mono<SkyvernRun> getRun = client.getRun("wr_1", RequestOptions.none());
			call.set(getRun.subscribe());
			assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(output).doesNotContain("onErrorDropped").doesNotContain(" ERROR ");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void oversizedAnswerIsNotRetriedAndNamesTheLimit(String connector) throws Exception {
		for (ConnectionCountingServer server : List.of(ConnectionCountingServer.bodyOf(3 * 512 * 1024),
				ConnectionCountingServer.chunkedBodyOf(3 * 512 * 1024))) {
			try (server) {
				this.contextRunner
					.withPropertyValues("spring.http.clients.reactive.connector=" + connector,
							"skyvern.base-url=" + server.baseUrl(), "skyvern.max-response-size=1MB",
							"skyvern.response-timeout=10s", "skyvern.retry.enabled=true",
							"skyvern.retry.initial-delay=1ms", "skyvern.retry.jitter=0ms")
					.run((context) -> {
						SkyvernWorkflowTemplate template = context.getBean(SkyvernWorkflowTemplate.class);
						assertThatExceptionOfType(SkyvernResponseTooLargeException.class)
							.isThrownBy(() -> template.getRun("wr_1"))
							.satisfies((ex) -> {
								assertThat(ex.getMessage()).contains("GET /v1/runs/{runId} (run wr_1)")
									.contains("larger than the limit of 1MB (skyvern.max-response-size");
								assertThat(ex.getMaxResponseSize()).isEqualTo(1024 * 1024);
								assertThat(SkyvernFailureReason.of(ex)).isEqualTo("response_too_large");
							});
					});
				assertThat(server.requests()).isOne();
			}
		}
	}

	/**
	 * One call ended by its response timeout, and one wait ended while its poll was in flight.
	 */
	private static void abandonEveryWay(AssertableApplicationContext context) {
		SkyvernWorkflowTemplate template = context.getBean(SkyvernWorkflowTemplate.class);
		assertThatExceptionOfType(SkyvernException.class).isThrownBy(() -> template.getRun("wr_1"));
		assertThatExceptionOfType(SkyvernException.class)
			.isThrownBy(() -> template.waitForCompletion("wr_2", Duration.ofMillis(700)));
	}

	private void run(String connector, ConnectionCountingServer server,
			ContextConsumer<AssertableApplicationContext> test) {
		this.contextRunner
			.withPropertyValues("spring.http.clients.reactive.connector=" + connector,
					"skyvern.base-url=" + server.baseUrl())
			.run(test);
	}

}
