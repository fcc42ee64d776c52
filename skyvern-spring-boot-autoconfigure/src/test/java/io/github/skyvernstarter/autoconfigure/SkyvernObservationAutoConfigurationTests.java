package io.github.skyvernstarter.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.skyvernstarter.client.SkyvernInstrumentation;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.observation.MicrometerSkyvernMetrics;
import io.github.skyvernstarter.observation.ObservationSkyvernInstrumentation;
import io.github.skyvernstarter.observation.SkyvernMetrics;
import io.github.skyvernstarter.observation.SkyvernOperationContext;
import io.github.skyvernstarter.observation.SkyvernOperationObservationConvention;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SkyvernObservationAutoConfiguration} with Spring Boot's own observation, metrics
 * and WebClient auto-configurations: the meters an application gets, by name and tags.
 */
class SkyvernObservationAutoConfigurationTests {

	private static final String RUN = """
			{"run_id":"wr_1","status":"running","created_at":"2026-08-22T18:30:00","run_type":"workflow_run",\
			"run_request":{"workflow_id":"wpid_test"}}""";

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("retried"));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).inScenario("retry")
			.whenScenarioStateIs("retried")
			.willReturn(okJson(RUN)));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
					WebClientObservationAutoConfiguration.class, SkyvernAutoConfiguration.class,
					SkyvernObservationAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=sk-test", "skyvern.base-url=" + skyvern.baseUrl(),
					"skyvern.retry.initial-delay=5ms", "skyvern.retry.jitter=0ms");
	}

	@Test
	void recordsOperationTimerAttemptTimersAndRetryCounterInTheMeterRegistry() {
		this.contextRunner.run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("skyvern.operation")
				.tags("skyvern.operation", "get", "skyvern.workflow.id", "wpid_test", "skyvern.run.status", "running",
						"outcome", "success", "reason", "none", "error", "none")
				.timer()
				.count()).isEqualTo(1);
			// WebClient stops its observation after the answer reached the caller.
			await().untilAsserted(() -> assertThat(
					meters.get("http.client.requests").tags("uri", "/v1/runs/{runId}", "status", "200").timer().count())
				.isEqualTo(1));
			assertThat(
					meters.get("http.client.requests").tags("uri", "/v1/runs/{runId}", "status", "503").timer().count())
				.isEqualTo(1);
			assertThat(
					meters.get("skyvern.retries").tags("skyvern.operation", "get", "reason", "503").counter().count())
				.isEqualTo(1);
			assertThat(meters.get("skyvern.operation.active").tag("skyvern.operation", "get").longTaskTimer())
				.satisfies((active) -> assertThat(active.activeTasks()).isZero());
			assertThat(meters.get("skyvern.runs.waiting").gauge().value()).isZero();
			assertThat(meters.find("http.client.requests").meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("uri")).isEqualTo("/v1/runs/{runId}"));
		});
	}

	@Test
	void operationObservationIsTheParentOfEachHttpAttemptOfBootsWebClient() {
		this.contextRunner.withUserConfiguration(TestObservationRegistryConfiguration.class).run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			TestObservationRegistry registry = context.getBean(TestObservationRegistry.class);
			// WebClient stops its observation (and sets its keys) after the answer reached the caller.
			await().untilAsserted(() -> TestObservationRegistryAssert.assertThat(registry)
				.hasNumberOfObservationsWithNameEqualTo("skyvern.operation", 1)
				.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
				.hasHandledContextsThatSatisfy((contexts) -> {
					Observation.Context operation = contexts.stream()
						.filter((candidate) -> candidate.getName().equals("skyvern.operation"))
						.findFirst()
						.orElseThrow();
					assertThat(contexts).filteredOn((candidate) -> candidate.getName().equals("http.client.requests"))
						.hasSize(2)
						.allSatisfy((attempt) -> {
							assertThat(attempt.getLowCardinalityKeyValue("uri").getValue())
								.isEqualTo("/v1/runs/{runId}");
							assertThat(attempt.getParentObservation().getContextView()).isSameAs(operation);
						});
				}));
		});
	}

	@Test
	void workflowIdTagCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("skyvern.observations.workflow-id-tag=false").run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("skyvern.operation").timer().getId().getTags()).extracting(Tag::getKey)
				.containsExactlyInAnyOrder("skyvern.operation", "skyvern.run.status", "outcome", "reason", "error");
		});
	}

	@Test
	void skyvernObservationsCanBeDisabledWithBootsPropertyAndCallsStillWork() {
		this.contextRunner.withPropertyValues("management.observations.enable.skyvern=false").run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("skyvern.operation").meters()).isEmpty();
			// WebClient stops its observation after the answer reached the caller.
			await().untilAsserted(() -> assertThat(meters.get("http.client.requests").timers()).hasSize(2));
			assertThat(meters.get("skyvern.retries").counter().count()).isEqualTo(1);
		});
	}

	@Test
	void usesTheApplicationsConvention() {
		this.contextRunner.withUserConfiguration(CustomConventionConfiguration.class).run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			assertThat(context.getBean(MeterRegistry.class).get("custom.operation").tag("op", "get").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesInstrumentationOrMetrics() {
		this.contextRunner.withUserConfiguration(CustomInstrumentationConfiguration.class).run((context) -> {
			assertThat(context).doesNotHaveBean(ObservationSkyvernInstrumentation.class);
			assertThat(context).doesNotHaveBean(MicrometerSkyvernMetrics.class);
			assertThat(context).hasSingleBean(SkyvernInstrumentation.class);
			assertThat(context).hasSingleBean(SkyvernMetrics.class);
		});
	}

	@Test
	void worksWithoutMicrometerCore() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(ObservationSkyvernInstrumentation.class);
			assertThat(context).doesNotHaveBean(SkyvernMetrics.class);
			assertThat(context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1").runId()).isEqualTo("wr_1");
		});
	}

	@Test
	void worksWithoutAnObservationRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
					SkyvernObservationAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=sk-test", "skyvern.base-url=" + skyvern.baseUrl(),
					"skyvern.retry.initial-delay=5ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(ObservationSkyvernInstrumentation.class);
				assertThat(context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1").runId()).isEqualTo("wr_1");
			});
	}

	@Test
	void createsNothingWhenSkyvernIsDisabled() {
		this.contextRunner.withPropertyValues("skyvern.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SkyvernInstrumentation.class);
			assertThat(context).doesNotHaveBean(SkyvernMetrics.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TestObservationRegistryConfiguration {

		@Bean
		TestObservationRegistry testObservationRegistry() {
			return TestObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomConventionConfiguration {

		@Bean
		SkyvernOperationObservationConvention customConvention() {
			return new SkyvernOperationObservationConvention() {

				@Override
				public String getName() {
					return "custom.operation";
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(SkyvernOperationContext context) {
					return KeyValues.of("op", context.getOperation().operationName());
				}

			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomInstrumentationConfiguration {

		@Bean
		SkyvernInstrumentation customInstrumentation() {
			return SkyvernInstrumentation.none();
		}

		@Bean
		SkyvernMetrics customMetrics() {
			return SkyvernMetrics.none();
		}

	}

}
