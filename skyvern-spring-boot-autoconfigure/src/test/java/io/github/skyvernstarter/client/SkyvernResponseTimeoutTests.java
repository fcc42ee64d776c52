package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The response timeout, the client's and a call's own, ends an attempt on either connector: calls in
 * flight together each end at their own deadline, whichever order they were started in. The server
 * holds its answers; the deadlines run on virtual time.
 */
class SkyvernResponseTimeoutTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();

	private SkyvernApiClient client(String connector) {
		ClientHttpConnectorBuilder<?> builder = "jdk".equals(connector) ? ClientHttpConnectorBuilder.jdk()
				: ClientHttpConnectorBuilder.reactor();
		WebClient webClient = WebClient.builder()
			.baseUrl(skyvern.baseUrl())
			.clientConnector(builder.build(HttpClientSettings.defaults()))
			.build();
		return SkyvernApiClient.builder(webClient, "sk-timeout-test")
			.responseTimeout(Duration.ofSeconds(5))
			.retryPolicy(SkyvernRetryPolicy.none())
			.timer(this.timer)
			.build();
	}

	private CompletableFuture<SkyvernRun> call(SkyvernApiClient client, String runId, RequestOptions options) {
		return client.getRun(runId, options).toFuture();
	}

	private static void held(String runId) {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId))
			.willReturn(okJson("{\"run_id\":\"" + runId + "\",\"status\":\"running\"}").withFixedDelay(60_000)));
	}

	private static void awaitRequests(String runId, int count) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/" + runId))).size() == count);
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void eachCallEndsAtItsOwnDeadline(String connector) {
		held("wr_long");
		held("wr_short");
		SkyvernApiClient client = client(connector);
		// The client's 5 s first, then a call that asks for 100 ms: the earlier deadline comes second.
		CompletableFuture<SkyvernRun> long5s = call(client, "wr_long", RequestOptions.builder().maxRetries(0).build());
		awaitRequests("wr_long", 1);
		CompletableFuture<SkyvernRun> short100ms = call(client, "wr_short",
				RequestOptions.builder().timeout(Duration.ofMillis(100)).maxRetries(0).build());
		awaitRequests("wr_short", 1);
		this.timer.advanceTimeBy(Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(10)).until(short100ms::isDone);
		assertThat(short100ms).failsWithin(Duration.ZERO)
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOfSatisfying(SkyvernTransportException.class, (ex) -> {
				assertThat(ex.getKind()).isEqualTo(SkyvernTransportException.Kind.RESPONSE_TIMEOUT);
				assertThat(ex.getMessage()).contains("PT0.1S");
			});
		assertThat(long5s).isNotDone();
		this.timer.advanceTimeBy(Duration.ofMillis(4900));
		await().atMost(Duration.ofSeconds(10)).until(long5s::isDone);
		assertThat(long5s).failsWithin(Duration.ZERO)
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOfSatisfying(SkyvernTransportException.class, (ex) -> assertThat(ex.getMessage()).contains("PT5S"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "reactor", "jdk" })
	void aLongerOverrideOutlivesTheClientsTimeout(String connector) {
		held("wr_patient");
		SkyvernApiClient client = client(connector);
		CompletableFuture<SkyvernRun> patient = call(client, "wr_patient",
				RequestOptions.builder().timeout(Duration.ofSeconds(30)).maxRetries(0).build());
		awaitRequests("wr_patient", 1);
		this.timer.advanceTimeBy(Duration.ofSeconds(29));
		assertThat(patient).isNotDone();
		this.timer.advanceTimeBy(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(10)).until(patient::isDone);
		assertThat(patient).failsWithin(Duration.ZERO)
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOfSatisfying(SkyvernTransportException.class, (ex) -> assertThat(ex.getMessage()).contains("PT30S"));
	}

}
