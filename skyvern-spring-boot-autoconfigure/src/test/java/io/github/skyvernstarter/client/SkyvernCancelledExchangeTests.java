package io.github.skyvernstarter.client;

import java.util.List;

import io.github.skyvernstarter.autoconfigure.SkyvernAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Exchanges that end before their answer was read: an answer over the size limit is refused unread,
 * on both connectors. Counted on the server side.
 */
class SkyvernCancelledExchangeTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-cancelled-exchange-1234", "skyvern.response-timeout=1s",
				"skyvern.max-response-size=16MB", "skyvern.retry.enabled=false");

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void oversizedAnswerIsNotRetriedAndNamesTheLimit(String connector) throws Exception {
		for (ConnectionCountingServer server : List.of(ConnectionCountingServer.bodyOf(24 * 1024 * 1024),
				ConnectionCountingServer.chunkedBodyOf(24 * 1024 * 1024))) {
			try (server) {
				this.contextRunner
					.withPropertyValues("spring.http.clients.reactive.connector=" + connector,
							"skyvern.base-url=" + server.baseUrl(), "skyvern.response-timeout=10s", "skyvern.retry.enabled=true",
							"skyvern.retry.initial-delay=1ms", "skyvern.retry.jitter=0ms")
					.run((context) -> {
						SkyvernWorkflowTemplate template = context.getBean(SkyvernWorkflowTemplate.class);
						assertThatExceptionOfType(SkyvernResponseTooLargeException.class)
							.isThrownBy(() -> template.getRun("wr_1"))
							.satisfies((ex) -> {
								assertThat(ex.getMessage()).contains("GET /v1/runs/{runId} (run wr_1)")
									.contains("larger than the limit of 16MB (skyvern.max-response-size");
								assertThat(ex.getMaxResponseSize()).isEqualTo(16 * 1024 * 1024);
								assertThat(SkyvernFailureReason.of(ex)).isEqualTo("response_too_large");
							});
					});
				assertThat(server.requests()).isOne();
			}
		}
	}

}
