package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernWebhookBodyBudget;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the body limits of {@link SkyvernWebhookAutoConfiguration}: the in-flight budget and the
 * body read deadline.
 */
class SkyvernWebhookBodyLimitsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
		.withUserConfiguration(WebhooksConfiguration.class)
		.withPropertyValues("skyvern.api-key=sk-body-limits-key-8642");

	@Test
	void bindsDefaultsThatHoldFourBodiesOfTheLargestSize() {
		this.contextRunner.run((context) -> {
			SkyvernWebhookProperties properties = context.getBean(SkyvernWebhookProperties.class);
			assertThat(properties.getMaxInFlightBodySize()).isEqualTo(DataSize.ofMegabytes(64));
			assertThat(properties.getBodyReadTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(context.getBean(SkyvernWebhookBodyBudget.class).getLimit()).isEqualTo(64L * 1024 * 1024);
		});
	}

	@Test
	void aBudgetThatCannotHoldOneBodyOfTheLargestSizeFailsAtStartup() {
		this.contextRunner.withPropertyValues("skyvern.webhooks.max-body-size=32MB").run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("skyvern.webhooks.max-in-flight-body-size",
					"skyvern.webhooks.max-body-size (32MB)");
			assertThat(analysis.getAction()).contains("at least three times", "(96MB)");
		});
		this.contextRunner
			.withPropertyValues("skyvern.webhooks.max-body-size=32MB", "skyvern.webhooks.max-in-flight-body-size=96MB")
			.run((context) -> assertThat(context.getBean(SkyvernWebhookBodyBudget.class).getLimit())
				.isEqualTo(96L * 1024 * 1024));
	}

	@Test
	void aNonPositiveBodyReadTimeoutFailsAtStartupOnEitherStack() {
		this.contextRunner.withPropertyValues("skyvern.webhooks.body-read-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("skyvern.webhooks.body-read-timeout");
		});
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
			.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=sk-body-limits-key-8642", "skyvern.webhooks.body-read-timeout=-1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
					.getDescription()).contains("skyvern.webhooks.body-read-timeout");
			});
	}

	@Test
	void anApplicationBudgetReplacesTheAutoConfiguredOne() {
		SkyvernWebhookBodyBudget shared = new SkyvernWebhookBodyBudget(512L * 1024 * 1024);
		this.contextRunner.withBean(SkyvernWebhookBodyBudget.class, () -> shared)
			.run((context) -> assertThat(context.getBean(SkyvernWebhookBodyBudget.class)).isSameAs(shared));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

}
