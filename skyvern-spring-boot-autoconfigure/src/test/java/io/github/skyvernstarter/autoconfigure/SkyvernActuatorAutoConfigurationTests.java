package io.github.skyvernstarter.autoconfigure;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernActuatorAutoConfiguration}: the key never shows in actuator output.
 */
class SkyvernActuatorAutoConfigurationTests {

	private static final String KEY = "sk-actuator-secret-1234";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernActuatorAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.webhooks.signing-keys[0]=" + KEY + "-old",
				"skyvern.base-url=http://localhost:8000")
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("SKYVERN_API_KEY", KEY))));

	@Test
	void configpropsNeverShowsTheKeyEvenWithShowValuesAlways() {
		this.contextRunner.run((context) -> {
			ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
					context.getBeansOfType(SanitizingFunction.class).values(), Show.ALWAYS);
			endpoint.setApplicationContext(context);
			String json = JsonMapper.shared().writeValueAsString(endpoint.configurationPropertiesWithPrefix("skyvern"));
			assertThat(json).contains("http://localhost:8000").contains("apiKey").doesNotContain(KEY);
		});
	}

	@Test
	void envMasksEveryValueThatContainsAKeyGivenOnTheCommandLine() {
		Properties systemProperties = new Properties();
		// What the JVM records for `java -jar app.jar --skyvern.api-key=... --skyvern.webhooks.signing-keys[0]=...`
		// (and for the JVM that spring-boot:run forks with those arguments).
		systemProperties.setProperty("sun.java.command",
				"app.jar --skyvern.api-key=" + KEY + " --skyvern.webhooks.signing-keys[0]=" + KEY + "-old");
		systemProperties.setProperty("java.vendor", "Eclipse Adoptium");
		this.contextRunner.withPropertyValues("app.callback=https://example.com/hook?token=" + KEY + "-old")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new PropertiesPropertySource("test-systemProperties", systemProperties)))
			.run((context) -> {
				EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(),
						context.getBeansOfType(SanitizingFunction.class).values(), Show.ALWAYS);
				String json = JsonMapper.shared().writeValueAsString(endpoint.environment(null));
				assertThat(json).contains("sun.java.command")
					.contains("app.callback")
					.contains("Eclipse Adoptium")
					.doesNotContain(KEY);
				assertThat(endpoint.environmentEntry("sun.java.command").getProperty().getValue()).isEqualTo("******");
			});
	}

	@Test
	void configpropsMasksEveryValueThatContainsAKey() {
		this.contextRunner.withPropertyValues("skyvern.webhooks.public-url=https://app.example.com/?k=" + KEY)
			.withUserConfiguration(WebhookPropertiesConfiguration.class)
			.run((context) -> {
				ConfigurationPropertiesReportEndpoint endpoint = new ConfigurationPropertiesReportEndpoint(
						context.getBeansOfType(SanitizingFunction.class).values(), Show.ALWAYS);
				endpoint.setApplicationContext(context);
				String json = JsonMapper.shared()
					.writeValueAsString(endpoint.configurationPropertiesWithPrefix("skyvern"));
				assertThat(json).contains("publicUrl").contains("http://localhost:8000").doesNotContain(KEY);
			});
	}

	@Test
	void envNeverShowsTheKeyOrSigningKeysEvenWithShowValuesAlways() {
		this.contextRunner.run((context) -> {
			EnvironmentEndpoint endpoint = new EnvironmentEndpoint(context.getEnvironment(),
					context.getBeansOfType(SanitizingFunction.class).values(), Show.ALWAYS);
			String json = JsonMapper.shared().writeValueAsString(endpoint.environment(null));
			assertThat(json).contains("http://localhost:8000")
				.contains("skyvern.api-key")
				.contains("SKYVERN_API_KEY")
				.contains("skyvern.webhooks.signing-keys[0]")
				.doesNotContain(KEY);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SkyvernWebhookProperties.class)
	static class WebhookPropertiesConfiguration {

	}

}
