package io.github.skyvernstarter.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code skyvern.retry.*} configuration, counted on the server side.
 */
class SkyvernRetryConfigurationTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(aResponse().withStatus(503)));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=sk-test", "skyvern.base-url=" + skyvern.baseUrl(),
					"skyvern.retry.initial-delay=5ms", "skyvern.retry.jitter=0ms");
	}

	private int requestsForOneFailingGet(ApplicationContextRunner runner) {
		int[] count = new int[1];
		runner.run((context) -> {
			assertThatExceptionOfType(SkyvernServerException.class)
				.isThrownBy(() -> context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1"));
			count[0] = skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/wr_1"))).size();
		});
		return count[0];
	}

	@Test
	void retriesTwiceByDefault() {
		assertThat(requestsForOneFailingGet(this.contextRunner)).isEqualTo(3);
	}

	@Test
	void maxRetriesSetsTheNumberOfRetries() {
		assertThat(requestsForOneFailingGet(this.contextRunner.withPropertyValues("skyvern.retry.max-retries=4")))
			.isEqualTo(5);
	}

	@Test
	void maxRetriesZeroTurnsRetriesOff() {
		assertThat(requestsForOneFailingGet(this.contextRunner.withPropertyValues("skyvern.retry.max-retries=0")))
			.isEqualTo(1);
	}

	@Test
	void disabledTurnsRetriesOff() {
		assertThat(requestsForOneFailingGet(this.contextRunner.withPropertyValues("skyvern.retry.enabled=false")))
			.isEqualTo(1);
	}

	@Test
	void negativeMaxRetriesFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("skyvern.retry.max-retries=-1").run((context) -> {
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("skyvern.retry.max-retries");
		});
	}

	@Test
	void zeroResponseTimeoutFailsAtStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("skyvern.response-timeout=0s").run((context) -> {
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("skyvern.response-timeout");
			assertThat(analysis.getAction()).contains("positive duration");
		});
	}

	@Test
	void timesAreCheckedWhenTheApplicationDefinesItsOwnRetryPolicy() {
		for (String property : new String[] { "skyvern.connect-timeout", "skyvern.response-timeout",
				"skyvern.wait-timeout", "skyvern.poll-interval" }) {
			this.contextRunner.withBean(SkyvernRetryPolicy.class, SkyvernRetryPolicy::none)
				.withPropertyValues(property + "=0s")
				.run((context) -> {
					assertThat(context).as(property).hasFailed();
					FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).contains("the duration is not positive (" + property + ")");
				});
		}
	}

}
