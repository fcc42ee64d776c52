package io.github.skyvernstarter.autoconfigure;

import java.util.Map;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts applications as Boot does, from a real {@code application.yml} read through config data and
 * with the failure analyzers Boot loads itself, on an environment whose variables the test controls:
 * README's own configuration with {@code SKYVERN_API_KEY} unset must not start.
 */
@ExtendWith(OutputCaptureExtension.class)
class SkyvernStartupReportTests {

	@Test
	void readmeQuickStartWithTheVariableUnsetFailsLikeAMissingKeyNamingTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(ClientApplication.class, "quick-start.yml", Map.of()))
			.havingRootCause()
			.isInstanceOf(SkyvernConfigurationException.class);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid Skyvern configuration: no Skyvern API key is set")
			.contains("the environment variable SKYVERN_API_KEY is not set (skyvern.api-key).")
			.contains("Set the environment variable SKYVERN_API_KEY to the API key from Skyvern's settings page");
	}

	@Test
	void readmeWebhookSetupWithTheVariableUnsetFailsLikeAMissingKeyNamingTheVariable(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(WebhookApplication.class, "webhooks.yml", Map.of()))
			.havingRootCause()
			.isInstanceOf(SkyvernConfigurationException.class)
			.satisfies((ex) -> assertThat(((SkyvernConfigurationException) ex).getProperty())
				.isEqualTo("skyvern.api-key"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("no Skyvern API key is set")
			.contains("SKYVERN_API_KEY is not set");
	}

	@Test
	void readmeConfigurationStartsWithTheVariableSet() {
		Map<String, Object> variables = Map.of("SKYVERN_API_KEY", "sk-readme-startup-key");
		try (ConfigurableApplicationContext context = start(WebhookApplication.class, "webhooks.yml", variables)) {
			assertThat(context.getBean(SkyvernProperties.class).getApiKey()).isEqualTo("sk-readme-startup-key");
		}
	}

	@Test
	void durationErrorShowsTheValueAsWrittenAndWhere(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(ClientApplication.class, "durations.yml", Map.of()));
		assertThat(output).contains("the duration is not positive (skyvern.poll-interval)")
			.contains("It is set to '-5m' (class path resource [readme/durations.yml]")
			.doesNotContain("PT-5M");
	}

	@Test
	void webhookDurationErrorShowsTheValueAsWrittenAndWhere(CapturedOutput output) {
		Map<String, Object> variables = Map.of("SKYVERN_WEBHOOKS_FALLBACK_POLL_INTERVAL", "-90s");
		assertThatException()
			.isThrownBy(() -> start(WebhookApplication.class, "webhooks.yml", variables, "--skyvern.api-key=sk-x"));
		assertThat(output).contains("the duration is not positive (skyvern.webhooks.fallback-poll-interval)")
			.contains("It is set to '-90s' (System Environment Property \"SKYVERN_WEBHOOKS_FALLBACK_POLL_INTERVAL\")")
			.doesNotContain("PT-1M-30S");
	}

	/**
	 * Start an application from {@code classpath:readme/<yaml>}, with only the given environment
	 * variables.
	 */
	private static ConfigurableApplicationContext start(Class<?> application, String yaml,
			Map<String, Object> variables, String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication app = new SpringApplication(application);
		app.setEnvironment(environment);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setBannerMode(Banner.Mode.OFF);
		String[] arguments = new String[args.length + 1];
		arguments[0] = "--spring.config.location=classpath:readme/" + yaml;
		System.arraycopy(args, 0, arguments, 1, args.length);
		return app.run(arguments);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			SkyvernAutoConfiguration.class })
	static class ClientApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			SkyvernAutoConfiguration.class, SkyvernWebhookAutoConfiguration.class })
	@EnableSkyvernWebhooks
	static class WebhookApplication {

	}

}
