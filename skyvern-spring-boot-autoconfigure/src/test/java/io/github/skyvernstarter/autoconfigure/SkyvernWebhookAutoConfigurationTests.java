package io.github.skyvernstarter.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.InMemorySkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookReceiver;
import io.github.skyvernstarter.webhook.SkyvernWebhookRunCompletionSource;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier.Verification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernWebhookAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SkyvernWebhookAutoConfigurationTests {

	private static final String API_KEY = "sk-webhook-api-key-1234";

	private static final String ROTATED_KEY = "sk-webhook-rotated-key-5678";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernWebhookAutoConfiguration.class));

	@Test
	void doesNothingWithoutEnableSkyvernWebhooks() {
		this.contextRunner.withPropertyValues("skyvern.api-key=" + API_KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SkyvernWebhookReceiver.class);
			assertThat(context).doesNotHaveBean(RunCompletionSource.class);
			assertThat(context).doesNotHaveBean(SkyvernWebhookProperties.class);
		});
	}

	@Test
	void enableSkyvernWebhooksCreatesTheReceiverAndFeedsTheTemplatesWaits() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(SkyvernWebhookReceiver.class);
				assertThat(context).hasSingleBean(SkyvernWebhookVerifier.class);
				assertThat(context).hasSingleBean(InMemorySkyvernWebhookIdempotencyStore.class);
				assertThat(context.getBeanProvider(RunCompletionSource.class).getIfUnique())
					.isSameAs(context.getBean(SkyvernWebhookRunCompletionSource.class));
				assertThat(context.getBean(SkyvernWebhookRunCompletionSource.class).fallbackPollInterval())
					.isEqualTo(Duration.ofMinutes(3));
				assertThat(context).doesNotHaveBean(RunWorkflowRequestCustomizer.class);
			});
	}

	@Test
	void bindsDefaults() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				SkyvernWebhookProperties properties = context.getBean(SkyvernWebhookProperties.class);
				assertThat(properties.getPath()).isEqualTo("/skyvern/webhooks");
				assertThat(properties.isVerifySignatures()).isTrue();
				assertThat(properties.getSigningKeys()).isEmpty();
				assertThat(properties.getMaxBodySize()).isEqualTo(DataSize.ofMegabytes(16));
				assertThat(properties.getPublicUrl()).isNull();
				assertThat(properties.getFallbackPollInterval()).isEqualTo(Duration.ofMinutes(3));
				assertThat(properties.getDuplicateWindow()).isEqualTo(Duration.ofHours(24));
				assertThat(properties.getMaxTrackedDeliveries()).isEqualTo(10_000);
				assertThat(properties.getTimestampTolerance()).isNull();
				assertThat(context.getBean(SkyvernWebhookReceiver.class).getMaxBodySize())
					.isEqualTo(16L * 1024 * 1024);
			});
	}

	@Test
	void verifiesWithTheApiKeyAndEverySigningKey() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.signing-keys[0]=" + ROTATED_KEY)
			.run((context) -> {
				SkyvernWebhookVerifier verifier = context.getBean(SkyvernWebhookVerifier.class);
				byte[] body = "{\"run_id\":\"wr_1\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
				assertThat(verifier.verify(body, SkyvernWebhookVerifier.sign(body, API_KEY), null))
					.isEqualTo(Verification.VALID);
				assertThat(verifier.verify(body, SkyvernWebhookVerifier.sign(body, ROTATED_KEY), null))
					.isEqualTo(Verification.VALID);
				assertThat(verifier.verify(body, SkyvernWebhookVerifier.sign(body, "sk-other"), null))
					.isEqualTo(Verification.INVALID_SIGNATURE);
			});
	}

	@Test
	void signingKeysAloneSufficeWhenTheClientIsOff() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.enabled=false", "skyvern.webhooks.signing-keys=" + ROTATED_KEY)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SkyvernWebhookReceiver.class);
			});
	}

	@Test
	void failsAtStartupWithoutAnyKeyToVerifyWith() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.enabled=false", "skyvern.webhooks.signing-keys= ")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("skyvern.webhooks.signing-keys")
					.contains("no key is set to verify Skyvern webhook signatures");
				assertThat(analysis.getAction()).contains("skyvern.api-key");
			});
	}

	@Test
	void turningVerificationOffNeedsNoKeyAndWarnsAtStartup(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.enabled=false", "skyvern.webhooks.verify-signatures=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("WARN")
					.contains("Skyvern webhook signatures are NOT verified (skyvern.webhooks.verify-signatures=false)");
			});
	}

	@Test
	void verificationOnLogsNoWarning(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> assertThat(output).doesNotContain("NOT verified"));
	}

	@Test
	void keysNeverAppearInLogsOrToString(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.signing-keys=" + ROTATED_KEY)
			.run((context) -> {
				byte[] body = "{\"run_id\":\"wr_1\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
				HttpHeaders headers = new HttpHeaders();
				headers.set("x-skyvern-signature", "0".repeat(64));
				assertThat(context.getBean(SkyvernWebhookReceiver.class).receive(headers, body).status())
					.isEqualTo(401);
				assertThat(context.getBean(SkyvernWebhookProperties.class).toString()).doesNotContain(ROTATED_KEY);
				assertThat(context.getBean(SkyvernWebhookVerifier.class).toString()).doesNotContain(API_KEY)
					.doesNotContain(ROTATED_KEY);
			});
		assertThat(output).contains("Rejected a Skyvern webhook").doesNotContain(API_KEY).doesNotContain(ROTATED_KEY);
	}

	@Test
	void actuatorMasksSigningKeysInEverySpelling() {
		SanitizingFunction sanitizer = new SkyvernActuatorAutoConfiguration.SkyvernSecretsSanitizingFunction();
		for (String name : new String[] { "skyvern.webhooks.signing-keys[0]", "skyvern.webhooks.signing-keys",
				"SKYVERN_WEBHOOKS_SIGNING_KEYS", "signingKeys" }) {
			SanitizableData data = new SanitizableData(null, name, ROTATED_KEY);
			assertThat(sanitizer.apply(data).getValue()).as(name).isEqualTo(SanitizableData.SANITIZED_VALUE);
		}
		SanitizableData path = new SanitizableData(null, "skyvern.webhooks.path", "/skyvern/webhooks");
		assertThat(sanitizer.apply(path).getValue()).isEqualTo("/skyvern/webhooks");
	}

	@Test
	void applicationIdempotencyStoreReplacesTheInMemoryOne() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class, SharedStoreConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(SkyvernWebhookIdempotencyStore.class);
				assertThat(context.getBean(SkyvernWebhookIdempotencyStore.class))
					.isSameAs(context.getBean(SharedStoreConfiguration.class).store);
			});
	}

	@Test
	void applicationIdempotencyStoreDeclaredBeforeTheAnnotationAlsoReplacesTheInMemoryOne() {
		this.contextRunner.withUserConfiguration(SharedStoreConfiguration.class, WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> assertThat(context).hasSingleBean(SkyvernWebhookIdempotencyStore.class));
	}

	@Test
	void publicUrlAddsAWebhookUrlCustomizer() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.public-url=https://app.example.com/",
					"skyvern.webhooks.path=/hooks/skyvern")
			.run((context) -> {
				RunWorkflowRequestCustomizer customizer = context.getBean(RunWorkflowRequestCustomizer.class);
				assertThat(customizer).isInstanceOf(SkyvernWebhookUrlCustomizer.class);
				assertThat(customizer.customize(RunWorkflowRequest.builder("wpid_1").build()).webhookUrl())
					.isEqualTo("https://app.example.com/hooks/skyvern");
			});
	}

	@Test
	void invalidPublicUrlFailsAtStartup() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.public-url=app.example.com")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("skyvern.webhooks.public-url");
			});
	}

	@Test
	void invalidPathFailsAtStartup() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
			.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.path=skyvern")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("skyvern.webhooks.path");
			});
	}

	@Test
	void nonPositiveDurationsFailAtStartup() {
		for (String property : new String[] { "skyvern.webhooks.fallback-poll-interval=0s",
				"skyvern.webhooks.duplicate-window=-1s", "skyvern.webhooks.timestamp-tolerance=0s" }) {
			this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
				.withPropertyValues("skyvern.api-key=" + API_KEY, property)
				.run((context) -> {
					assertThat(context).hasFailed();
					assertThat(new SkyvernConfigurationFailureAnalyzer().analyze(context.getStartupFailure())
						.getDescription()).contains(property.substring(0, property.indexOf('=')));
				});
		}
	}

	@Test
	void registersAServletHandlerMappingInServletApplications() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
			.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(SimpleUrlHandlerMapping.class);
				assertThat(context.getBean(SimpleUrlHandlerMapping.class).getUrlMap())
					.containsOnlyKeys("/skyvern/webhooks");
				assertThat(context).doesNotHaveBean(RouterFunction.class);
			});
	}

	@Test
	void registersAReactiveRouterFunctionInReactiveApplications() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
			.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				assertThat(context).hasSingleBean(RouterFunction.class);
				assertThat(context).doesNotHaveBean(SimpleUrlHandlerMapping.class);
			});
	}

	@Test
	void registersNoRouteOutsideWebApplications() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SimpleUrlHandlerMapping.class);
				assertThat(context).doesNotHaveBean(RouterFunction.class);
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class SharedStoreConfiguration {

		final SkyvernWebhookIdempotencyStore store = new InMemorySkyvernWebhookIdempotencyStore(Duration.ofHours(1), 10);

		@Bean
		SkyvernWebhookIdempotencyStore sharedStore() {
			return this.store;
		}

	}

}
