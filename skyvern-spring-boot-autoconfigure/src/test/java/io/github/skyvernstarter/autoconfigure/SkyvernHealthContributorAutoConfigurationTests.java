package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.health.SkyvernHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernHealthContributorAutoConfiguration}.
 */
class SkyvernHealthContributorAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-test", "skyvern.base-url=" + skyvern.baseUrl());

	@Test
	void isOffByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SkyvernHealthIndicator.class);
		});
	}

	@Test
	void registersTheSkyvernContributorWhenEnabled() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/" + SkyvernHealthIndicator.PROBE_RUN_ID))
			.willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"Run not found\"}")));
		this.contextRunner.withPropertyValues("management.health.skyvern.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(SkyvernHealthIndicator.class);
			ReactiveHealthIndicator contributor = (ReactiveHealthIndicator) context
				.getBean(ReactiveHealthContributorRegistry.class)
				.getContributor("skyvern");
			Health health = contributor.health(true).block(Duration.ofSeconds(10));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void rejectsANonPositiveTimeToLiveNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("management.health.skyvern.enabled=true",
					"management.health.skyvern.cache-time-to-live=0s")
			.run((context) -> {
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("management.health.skyvern.cache-time-to-live");
				assertThat(analysis.getAction()).contains("positive duration");
			});
	}

	@Test
	void isNotCreatedWhenSkyvernIsDisabled() {
		this.contextRunner.withPropertyValues("management.health.skyvern.enabled=true", "skyvern.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(SkyvernHealthIndicator.class);
			});
	}

	@Test
	void applicationStartsWithoutSpringBootHealth() {
		this.contextRunner.withPropertyValues("management.health.skyvern.enabled=true")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(SkyvernHealthIndicator.class);
			});
	}

}
