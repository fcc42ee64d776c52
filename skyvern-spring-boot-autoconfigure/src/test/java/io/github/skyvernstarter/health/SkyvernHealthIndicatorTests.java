package io.github.skyvernstarter.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.support.RecordingScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernHealthIndicator}.
 */
class SkyvernHealthIndicatorTests {

	private static final String KEY = "sk-health-secret-9876";

	private static final String PROBE = "/v1/runs/" + SkyvernHealthIndicator.PROBE_RUN_ID;

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

	private SkyvernHealthIndicator indicator(String baseUrl) {
		// Retries on, as configured by default: the check must still send one request.
		SkyvernApiClient client = SkyvernApiClient.builder(WebClient.builder().baseUrl(baseUrl).build(), KEY)
			.responseTimeout(Duration.ofSeconds(5))
			.maxRetries(3)
			.retryPolicy(DefaultSkyvernRetryPolicy.builder().scheduler(new RecordingScheduler()).build())
			.build();
		return new SkyvernHealthIndicator(client, Duration.ofSeconds(10), Duration.ofMinutes(1), this.clock);
	}

	private Health health(SkyvernHealthIndicator indicator) {
		return indicator.health(true).block(Duration.ofSeconds(30));
	}

	private static void stubProbe(int status, String body) {
		skyvern.stubFor(get(urlEqualTo(PROBE)).willReturn(aResponse().withStatus(status).withBody(body)));
	}

	@Test
	void upWhenSkyvernAnswers404ForTheProbeRun() {
		stubProbe(404, "{\"detail\":\"Run not found\"}");
		assertThat(health(indicator(skyvern.baseUrl())).getStatus()).isEqualTo(Status.UP);
		assertThat(skyvern.findAll(getRequestedFor(urlEqualTo(PROBE))).get(0).getHeader("x-api-key")).isEqualTo(KEY);
	}

	@Test
	void downWithAHintAtTheApiKeyWhenSkyvernAnswers403() {
		stubProbe(403, "{\"detail\":\"Invalid credentials\"}");
		Health health = health(indicator(skyvern.baseUrl()));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "403")
			.containsEntry("error", "Skyvern rejected the API key");
		assertThat((String) health.getDetails().get("hint")).contains("skyvern.api-key");
		assertThat(JsonMapper.shared().writeValueAsString(health)).doesNotContain(KEY);
		skyvern.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void downWhenSkyvernIsUnreachable() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Health health = health(indicator("http://127.0.0.1:" + closedPort));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "connect");
		assertThat((String) health.getDetails().get("error")).contains("skyvern.base-url").doesNotContain(KEY);
	}

	@Test
	void downWhenSkyvernFailsWith5xxWithoutRetrying() {
		stubProbe(503, "{\"error\":\"Unexpected error: db down\"}");
		Health health = health(indicator(skyvern.baseUrl()));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("reason", "503");
		skyvern.verify(1, anyRequestedFor(anyUrl()));
	}

	@Test
	void unknownWhenRateLimited() {
		stubProbe(429, "{\"detail\":\"Too many requests\"}");
		Health health = health(indicator(skyvern.baseUrl()));
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails()).containsEntry("reason", "429");
	}

	@Test
	void reusesTheResultForItsTimeToLiveThenChecksAgain() {
		stubProbe(404, "{\"detail\":\"Run not found\"}");
		SkyvernHealthIndicator indicator = indicator(skyvern.baseUrl());
		for (int i = 0; i < 5; i++) {
			assertThat(health(indicator).getStatus()).isEqualTo(Status.UP);
		}
		skyvern.verify(1, anyRequestedFor(anyUrl()));
		this.clock.advanceTimeBy(Duration.ofSeconds(59));
		health(indicator);
		skyvern.verify(1, anyRequestedFor(anyUrl()));
		stubProbe(403, "{\"detail\":\"Invalid credentials\"}");
		this.clock.advanceTimeBy(Duration.ofSeconds(2));
		assertThat(health(indicator).getStatus()).isEqualTo(Status.DOWN);
		skyvern.verify(2, anyRequestedFor(anyUrl()));
	}

}
