package io.github.skyvernstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The API key never appears in a log line (at TRACE), an observation's keys or context, or a meter,
 * over operations that succeed, are retried, fail with 403 and time out.
 */
@ExtendWith(OutputCaptureExtension.class)
class SkyvernApiKeyNeverLeaksTests {

	private static final String KEY = "sk-never-logged-5150";

	private static final String CALL_KEY = "sk-per-call-never-logged-6160";

	private static final String[] LOGGERS = { "io.github.skyvernstarter", "org.springframework.web.reactive",
			"org.springframework.http", "reactor" };

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				WebClientObservationAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernObservationAutoConfiguration.class))
		.withUserConfiguration(TestObservationRegistryConfiguration.class)
		.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.base-url=" + skyvern.baseUrl(),
				"skyvern.retry.initial-delay=5ms", "skyvern.retry.jitter=0ms", "skyvern.poll-interval=10ms");

	@BeforeEach
	void logEverything() {
		for (String logger : LOGGERS) {
			this.loggingSystem.setLogLevel(logger, LogLevel.TRACE);
		}
	}

	@AfterEach
	void restoreLogLevels() {
		for (String logger : LOGGERS) {
			this.loggingSystem.setLogLevel(logger, null);
		}
	}

	@Test
	void keyIsInNoLogLineObservationOrMeter(CapturedOutput output) {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(run("wr_1", "created"))));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).inScenario("wr_1")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503).withBody("{\"error\":\"busy\"}"))
			.willSetStateTo("reset"));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).inScenario("wr_1")
			.whenScenarioStateIs("reset")
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
			.willSetStateTo("done"));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).inScenario("wr_1")
			.whenScenarioStateIs("done")
			.willReturn(okJson(run("wr_1", "completed"))));
		// A proxy in front of Skyvern echoes the key it received, JSON-escaped.
		skyvern.stubFor(post(urlEqualTo("/v1/runs/wr_1/cancel")).willReturn(aResponse().withStatus(403)
			.withBody("{\"detail\":\"Invalid credentials: " + jsonEscaped(KEY) + "\"}")));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_2")).willReturn(okJson(run("wr_2", "running"))));
		this.contextRunner.run((context) -> {
			SkyvernWorkflowTemplate template = context.getBean(SkyvernWorkflowTemplate.class);
			template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build());
			assertThatExceptionOfType(SkyvernAuthenticationException.class)
				.isThrownBy(() -> template.cancelRun("wr_1"));
			assertThatExceptionOfType(SkyvernAuthenticationException.class).isThrownBy(
					() -> template.cancelRun("wr_1", RequestOptions.builder().apiKey(CALL_KEY).build()));
			assertThatExceptionOfType(SkyvernWaitTimeoutException.class)
				.isThrownBy(() -> template.waitForCompletion("wr_2", java.time.Duration.ofMillis(100)));
			assertThat(output).contains("Started Skyvern run wr_1 of workflow wpid_test")
				.contains("Skyvern run wr_1 of workflow wpid_test finished with status completed")
				.contains("failed (503)")
				.contains("failed (connection_lost)")
				.contains("failed (403)")
				.contains("Stopped waiting for Skyvern run wr_2")
				.doesNotContain(KEY)
				.doesNotContain(CALL_KEY);
			for (String text : observationTexts(context.getBean(TestObservationRegistry.class))) {
				assertThat(text).doesNotContain(KEY).doesNotContain(CALL_KEY);
			}
			context.getBean(MeterRegistry.class)
				.getMeters()
				.forEach((meter) -> assertThat(meter.getId().toString()).doesNotContain(KEY).doesNotContain(CALL_KEY));
		});
	}

	private static List<String> observationTexts(TestObservationRegistry registry) {
		List<String> texts = new ArrayList<>();
		TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy((contexts) -> {
			assertThat(contexts).isNotEmpty();
			for (Observation.Context context : contexts) {
				texts.add(context.getLowCardinalityKeyValues().toString());
				texts.add(context.getHighCardinalityKeyValues().toString());
				if (context.getName().startsWith("skyvern")) {
					// Ours hold no request: the whole context, error included, is free of the key.
					texts.add(context.toString());
					texts.add(String.valueOf(context.getError()));
				}
			}
		});
		return texts;
	}

	private static String jsonEscaped(String text) {
		StringBuilder escaped = new StringBuilder();
		text.chars().forEach((c) -> escaped.append(String.format("\\u%04x", c)));
		return escaped.toString();
	}

	private static String run(String runId, String status) {
		return """
				{"run_id":"%s","status":"%s","created_at":"2026-08-22T18:30:00","run_type":"workflow_run",\
				"run_request":{"workflow_id":"wpid_test"}}""".formatted(runId, status);
	}

	@Configuration(proxyBeanMethods = false)
	static class TestObservationRegistryConfiguration {

		@Bean
		TestObservationRegistry testObservationRegistry() {
			return TestObservationRegistry.create();
		}

	}

}
