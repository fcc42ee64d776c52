package io.github.skyvernstarter.client;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Failure messages say what to fix: a 404 from no route at all points at {@code skyvern.base-url}, a
 * 404 naming what Skyvern did not find does not, and a refused connection says so in words.
 */
class SkyvernFailureMessageTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@ParameterizedTest
	@ValueSource(strings = { "{\"detail\":\"Not Found\"}", "<html><body><h1>404 Not Found</h1>nginx</body></html>",
			"", "{\"message\":\"no route\"}" })
	void notFoundFromNoRouteAtAllPointsAtTheBaseUrl(String body) {
		// README's example mistake: the API's address with a path Skyvern does not serve.
		skyvern.stubFor(post(urlPathEqualTo("/api/v1/run/agents")).willReturn(notFound(body)));
		Throwable failure = runWith(skyvern.baseUrl() + "/api/");
		assertThat(failure).isInstanceOf(SkyvernNotFoundException.class)
			.hasMessageEndingWith("No Skyvern route answers there: check skyvern.base-url (now " + skyvern.baseUrl()
					+ "/api/)");
	}

	@Test
	void notFoundNamingTheWorkflowDoesNotBlameTheBaseUrl() {
		skyvern.stubFor(post(urlPathEqualTo("/v1/run/agents"))
			.willReturn(notFound("{\"detail\":\"Workflow not found. workflow_permanent_id: wpid_1\"}")));
		Throwable failure = runWith(skyvern.baseUrl());
		assertThat(failure).isInstanceOf(SkyvernNotFoundException.class)
			.hasMessage("Skyvern answered 404 to POST /v1/run/agents: Workflow not found. workflow_permanent_id: wpid_1");
	}

	@Test
	void notFoundOnARunReadNamesTheBaseUrlWithoutTheRunId() {
		skyvern.stubFor(get(urlPathEqualTo("/skyvern/v1/runs/wr%2F1")).willReturn(notFound("{\"detail\":\"Not Found\"}")));
		Throwable failure = catchThrowable(() -> client(skyvern.baseUrl() + "/skyvern").getRun("wr/1", RequestOptions.none())
			.block());
		assertThat(failure).hasMessageContaining("check skyvern.base-url (now " + skyvern.baseUrl() + "/skyvern/)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void refusedConnectionSaysConnectionRefused(String connector) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		SkyvernApiClient client = new SkyvernApiClient(
				WebClient.builder()
					.baseUrl("http://127.0.0.1:" + port)
					.clientConnector("jdk".equals(connector) ? ClientHttpConnectorBuilder.jdk().build(HttpClientSettings.defaults())
							: ClientHttpConnectorBuilder.reactor().build(HttpClientSettings.defaults()))
					.build(),
				"sk-test", Duration.ofSeconds(5), SkyvernRetryPolicy.none());
		Throwable failure = catchThrowable(() -> client.getRun("wr_1", RequestOptions.none()).block());
		assertThat(failure).isInstanceOfSatisfying(SkyvernTransportException.class,
				(ex) -> assertThat(ex.getKind()).isEqualTo(SkyvernTransportException.Kind.CONNECT))
			.hasMessage("Could not connect to Skyvern for GET /v1/runs/{runId} (run wr_1): connection refused; "
					+ "check skyvern.base-url (now http://127.0.0.1:" + port + "/)");
	}

	@Test
	void unknownHostSaysUnknownHost() {
		Throwable failure = catchThrowable(
				() -> client("http://skyvern.invalid").getRun("wr_1", RequestOptions.none()).block());
		assertThat(failure).isInstanceOf(SkyvernTransportException.class)
			.hasMessageContaining(": unknown host; check skyvern.base-url (now http://skyvern.invalid/)");
	}

	private Throwable runWith(String baseUrl) {
		Mono<?> run = client(baseUrl).runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), RequestOptions.none());
		return catchThrowable(run::block);
	}

	private static ResponseDefinitionBuilder notFound(String body) {
		return aResponse().withStatus(404).withBody(body);
	}

	private static SkyvernApiClient client(String baseUrl) {
		return new SkyvernApiClient(WebClient.builder().baseUrl(baseUrl).build(), "sk-test", Duration.ofSeconds(5),
				SkyvernRetryPolicy.none());
	}

}
