package io.github.skyvernstarter.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernTotpReceiver;
import io.github.skyvernstarter.webhook.SkyvernTotpUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernVerificationCodeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SkyvernTotpAutoConfiguration}: the 2FA receiver exists with
 * {@code @EnableSkyvernWebhooks} and a code provider, and run requests that ask for it get its URL as
 * their {@code totp_url}.
 */
class SkyvernTotpAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class, SkyvernWebhookAutoConfiguration.class,
				SkyvernTotpAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-totp-autoconfig", "skyvern.base-url=" + skyvern.baseUrl());

	@Test
	void needsACodeProvider() {
		this.contextRunner.withUserConfiguration(WebhooksOnly.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SkyvernTotpReceiver.class));
	}

	@Test
	void needsEnableSkyvernWebhooks() {
		this.contextRunner.withUserConfiguration(ProviderOnly.class)
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SkyvernTotpReceiver.class));
	}

	@Test
	void fillsTheTotpUrlOfRequestsThatAskForTheReceiver() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents"))
			.willReturn(okJson("{\"run_id\":\"wr_1\",\"status\":\"created\",\"run_type\":\"workflow_run\"}")));
		this.contextRunner.withUserConfiguration(WebhooksAndProvider.class)
			.withPropertyValues("skyvern.webhooks.public-url=https://app.example.com/", "skyvern.webhooks.totp-path=/2fa")
			.run((context) -> {
				assertThat(context).hasSingleBean(SkyvernTotpReceiver.class);
				assertThat(context.getBean(SkyvernTotpUrlCustomizer.class).getTotpUrl())
					.isEqualTo("https://app.example.com/2fa");
				SkyvernWorkflowOperations template = context.getBean(SkyvernWorkflowOperations.class);
				template.runWorkflow(RunWorkflowRequest.builder("wpid_1").totpUrlFromReceiver().build());
				template.runWorkflow(RunWorkflowRequest.builder("wpid_2").build());
				skyvern.verify(postRequestedFor(urlEqualTo("/v1/run/agents")).withRequestBody(equalToJson(
						"{\"agent_id\":\"wpid_1\",\"totp_url\":\"https://app.example.com/2fa\"}", true, true)));
				skyvern.verify(postRequestedFor(urlEqualTo("/v1/run/agents"))
					.withRequestBody(equalToJson("{\"agent_id\":\"wpid_2\",\"webhook_url\":\"https://app.example.com/skyvern/webhooks\"}", true, true)));
			});
	}

	@Test
	void runRequestThatAsksForAMissingReceiverFailsBeforeItIsSent() {
		this.contextRunner.withUserConfiguration(WebhooksOnly.class).run((context) -> {
			SkyvernWorkflowOperations template = context.getBean(SkyvernWorkflowOperations.class);
			assertThatIllegalStateException()
				.isThrownBy(() -> template.runWorkflow(RunWorkflowRequest.builder("wpid_1").totpUrlFromReceiver().build()))
				.withMessageContaining("SkyvernVerificationCodeProvider");
		});
		assertThat(skyvern.findAll(postRequestedFor(urlEqualTo("/v1/run/agents")))).isEmpty();
	}

	@Test
	void refusesATotpPathThatIsTheWebhookPath() {
		this.contextRunner.withUserConfiguration(WebhooksAndProvider.class)
			.withPropertyValues("skyvern.webhooks.totp-path=/skyvern/webhooks")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("skyvern.webhooks.totp-path"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksOnly {

	}

	@Configuration(proxyBeanMethods = false)
	static class ProviderOnly {

		@Bean
		SkyvernVerificationCodeProvider provider() {
			return (request) -> "123456";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksAndProvider {

		@Bean
		SkyvernVerificationCodeProvider provider() {
			return (request) -> "123456";
		}

	}

}
