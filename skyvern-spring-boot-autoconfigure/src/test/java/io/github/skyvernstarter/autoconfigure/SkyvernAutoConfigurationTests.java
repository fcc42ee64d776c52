package io.github.skyvernstarter.autoconfigure;

import java.util.List;

import java.util.Map;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.files.SkyvernFileDownloader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link SkyvernAutoConfiguration}.
 */
class SkyvernAutoConfigurationTests {

	private static final String KEY = "sk-autoconfig-secret-4711";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class));

	@Test
	void createsTemplatesWhenApiKeyIsSet() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY).run((context) -> {
			assertThat(context).hasSingleBean(SkyvernApiClient.class);
			assertThat(context).hasSingleBean(ReactiveSkyvernWorkflowTemplate.class);
			assertThat(context).hasSingleBean(SkyvernWorkflowTemplate.class);
			assertThat(context.getBean(SkyvernWorkflowTemplate.class).reactive())
				.isSameAs(context.getBean(ReactiveSkyvernWorkflowTemplate.class));
		});
	}

	@Test
	void templatesAndDownloadersAreCreatedOnFirstLookupNotAtStartup() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SkyvernFilesAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=" + KEY)
			.run((context) -> {
				List<String> lazy = List.of("reactiveSkyvernWorkflowTemplate", "skyvernWorkflowTemplate",
						"reactiveSkyvernFileDownloader", "skyvernFileDownloader");
				assertThat(lazy).allSatisfy(
						(name) -> assertThat(context.getBeanFactory().containsSingleton(name)).as(name).isFalse());
				assertThat(context.getBeanFactory().containsSingleton("skyvernApiClient")).isTrue();
				context.getBean(SkyvernWorkflowTemplate.class);
				context.getBean(SkyvernFileDownloader.class);
				assertThat(lazy).allSatisfy(
						(name) -> assertThat(context.getBeanFactory().containsSingleton(name)).as(name).isTrue());
			});
	}

	@Test
	void readsApiKeyFromSkyvernApiKeyEnvironmentVariableSpelling() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("SKYVERN_API_KEY", KEY))))
			.run((context) -> assertThat(context.getBean(SkyvernProperties.class).getApiKey()).isEqualTo(KEY));
	}

	@Test
	void bindsDefaults() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY).run((context) -> {
			SkyvernProperties properties = context.getBean(SkyvernProperties.class);
			assertThat(properties.getBaseUrl()).isEqualTo("https://api.skyvern.com");
			assertThat(properties.getResponseTimeout()).hasSeconds(60);
			assertThat(properties.getWaitTimeout()).hasMinutes(30);
			assertThat(properties.getPollInterval()).hasSeconds(10);
		});
	}

	@Test
	void createsNothingWhenDisabled() {
		this.contextRunner.withPropertyValues("skyvern.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SkyvernApiClient.class);
			assertThat(context).doesNotHaveBean(SkyvernWorkflowOperations.class);
			assertThat(context).doesNotHaveBean(ReactiveSkyvernWorkflowOperations.class);
		});
	}

	@Test
	void backsOffWhenUserDefinesOperations() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY)
			.withUserConfiguration(UserOperationsConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SkyvernWorkflowOperations.class);
				assertThat(context).doesNotHaveBean(SkyvernWorkflowTemplate.class);
				assertThat(context).hasSingleBean(ReactiveSkyvernWorkflowOperations.class);
				assertThat(context).doesNotHaveBean(ReactiveSkyvernWorkflowTemplate.class);
			});
	}

	@Test
	void backsOffWhenUserDefinesApiClient() {
		this.contextRunner.withUserConfiguration(UserClientConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(SkyvernApiClient.class))
				.isSameAs(context.getBean(UserClientConfiguration.class).client);
		});
	}

	@Test
	void failsAtStartupWithoutApiKeyNamingTheProperty() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("skyvern.api-key").contains("no Skyvern API key");
			assertThat(analysis.getAction()).contains("skyvern.api-key").contains("SKYVERN_API_KEY");
		});
	}

	@Test
	void failsAtStartupWithBlankApiKey() {
		this.contextRunner.withPropertyValues("skyvern.api-key=  ").run((context) -> {
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("skyvern.api-key");
		});
	}

	@Test
	void failsAtStartupWithAnUnresolvedPlaceholderLikeAMissingKeyNamingTheVariable() {
		this.contextRunner.withPropertyValues("skyvern.api-key=${SKYVERN_API_KEY}").run((context) -> {
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("no Skyvern API key is set")
				.contains("the environment variable SKYVERN_API_KEY is not set")
				.contains("(skyvern.api-key)");
			assertThat(analysis.getAction()).contains("SKYVERN_API_KEY").contains("skyvern.enabled=false");
		});
		this.contextRunner.withPropertyValues("skyvern.api-key=${SKYVERN_KEY_PART_1}${SKYVERN_KEY_PART_2}")
			.run((context) -> assertThat(new SkyvernConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure())
				.getDescription()).contains("the environment variables SKYVERN_KEY_PART_1, SKYVERN_KEY_PART_2 are not set"));
	}

	@Test
	void failsAtStartupWithWhitespaceOrControlCharactersInTheKeyWithoutShowingIt() {
		for (String key : new String[] { "sk-two words", "sk-line\nbreak", "sk-nul\u0000x", "sk-nbsp\u00a0x" }) {
			this.contextRunner.withPropertyValues("skyvern.api-key=" + key).run((context) -> {
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).as(key)
					.contains("contains whitespace or control characters (skyvern.api-key)")
					.doesNotContain("sk-");
			});
		}
	}

	@Test
	void trimsWhitespaceAroundTheKey() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-env", Map.of("SKYVERN_API_KEY", " " + KEY + "\n"))))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void failsAtStartupWithBlankBaseUrl() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.base-url= ").run((context) -> {
			FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("skyvern.base-url").contains("blank");
			assertThat(analysis.getAction()).contains("https://api.skyvern.com");
		});
	}

	@Test
	void failsAtStartupWithMalformedBaseUrl() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.base-url=api.skyvern.com")
			.run((context) -> {
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("skyvern.base-url")
					.contains("not an http or https URL");
			});
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.base-url=http://exa mple.com")
			.run((context) -> {
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("malformed");
			});
	}

	@Test
	void startupFailureNeverContainsTheKey() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.base-url=ftp://example.com")
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).doesNotContain(KEY);
				assertThat(analysis.getAction()).doesNotContain(KEY);
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					assertThat(String.valueOf(cause.getMessage())).doesNotContain(KEY);
				}
			});
	}

	@Test
	void keyNeverAppearsInToString() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + KEY).run((context) -> {
			assertThat(context.getBean(SkyvernProperties.class).toString()).doesNotContain(KEY).contains("******");
			assertThat(context.getBean(SkyvernApiClient.class).toString()).doesNotContain(KEY);
			assertThat(context.getBean(SkyvernWorkflowTemplate.class).toString()).doesNotContain(KEY);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserOperationsConfiguration {

		@Bean
		SkyvernWorkflowOperations userOperations() {
			return mock(SkyvernWorkflowOperations.class);
		}

		@Bean
		ReactiveSkyvernWorkflowOperations userReactiveOperations() {
			return mock(ReactiveSkyvernWorkflowOperations.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientConfiguration {

		final SkyvernApiClient client = mock(SkyvernApiClient.class);

		@Bean
		SkyvernApiClient userClient() {
			return this.client;
		}

	}

}
