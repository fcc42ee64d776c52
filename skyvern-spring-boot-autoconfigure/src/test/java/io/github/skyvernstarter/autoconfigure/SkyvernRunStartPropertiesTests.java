package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code skyvern.run-starts.*}: defaults, binding, and the startup checks.
 */
class SkyvernRunStartPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-run-starts");

	@Test
	void exactlyOnceIsOnByDefaultWithTheDefaultKeyGracePeriodAndTaskTitleToken() {
		this.contextRunner.run((context) -> {
			SkyvernRunStartProperties properties = context.getBean(SkyvernRunStartProperties.class);
			assertThat(properties.toSettings().exactlyOnce()).isTrue();
			assertThat(properties.toSettings().requestIdKey()).isEqualTo("client-request-id");
			assertThat(properties.toSettings().gracePeriod()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.toSettings().taskTitleToken()).isTrue();
		});
	}

	@Test
	void bindsEveryProperty() {
		this.contextRunner.withPropertyValues("skyvern.run-starts.exactly-once=false",
				"skyvern.run-starts.request-id-key=acme.request-id", "skyvern.run-starts.grace-period=0s",
				"skyvern.run-starts.task-title-token=false")
			.run((context) -> {
				SkyvernRunStartProperties properties = context.getBean(SkyvernRunStartProperties.class);
				assertThat(properties.toSettings().exactlyOnce()).isFalse();
				assertThat(properties.toSettings().requestIdKey()).isEqualTo("acme.request-id");
				assertThat(properties.toSettings().gracePeriod()).isZero();
				assertThat(properties.toSettings().taskTitleToken()).isFalse();
			});
	}

	@Test
	void failsAtStartupOnAKeySkyvernReserves() {
		this.contextRunner.withPropertyValues("skyvern.run-starts.request-id-key=skyvern.request-id")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("skyvern.run-starts.request-id-key")
					.contains("reserved by Skyvern");
			});
	}

	@Test
	void failsAtStartupOnANegativeGracePeriod() {
		this.contextRunner.withPropertyValues("skyvern.run-starts.grace-period=-1s")
			.run((context) -> assertThat(context).hasFailed());
	}

}
