package io.github.skyvernstarter.autoconfigure;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.reactive.AnnotationConfigReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the webhook URL given to Skyvern, the startup warning and the servers that answer
 * agree with where the receiver really is: under the context path, the dispatcher servlet's path or
 * the WebFlux base path, and on the application's own server only.
 */
@ExtendWith(OutputCaptureExtension.class)
class SkyvernWebhookReceiverLocationTests {

	private static final String PUBLIC_URL_NOT_SET = "skyvern.webhooks.public-url is not set";

	private final WebApplicationContextRunner servletRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
		.withUserConfiguration(WebhooksConfiguration.class)
		.withPropertyValues("skyvern.api-key=sk-location-test-key");

	private final ReactiveWebApplicationContextRunner reactiveRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
		.withUserConfiguration(WebhooksConfiguration.class)
		.withPropertyValues("skyvern.api-key=sk-location-test-key");

	@Test
	void webhookUrlIncludesTheServletContextPathAndTheDispatcherServletPath() {
		this.servletRunner
			.withPropertyValues("skyvern.webhooks.public-url=https://hooks.example.com",
					"server.servlet.context-path=/app", "spring.mvc.servlet.path=/mvc/")
			.run((context) -> assertThat(context.getBean(SkyvernWebhookUrlCustomizer.class).getWebhookUrl())
				.isEqualTo("https://hooks.example.com/app/mvc/skyvern/webhooks"));
	}

	@Test
	void webhookUrlIncludesTheContextPathOnceWhenThePublicUrlAlreadyHasIt() {
		this.servletRunner
			.withPropertyValues("skyvern.webhooks.public-url=https://hooks.example.com/app",
					"server.servlet.context-path=/app")
			.run((context) -> assertThat(context.getBean(SkyvernWebhookUrlCustomizer.class).getWebhookUrl())
				.isEqualTo("https://hooks.example.com/app/skyvern/webhooks"));
	}

	@Test
	void publicUrlThatIsTheReceiversFullUrlIsUsedAsIsForProxiesThatRewritePaths() {
		this.servletRunner
			.withPropertyValues("skyvern.webhooks.public-url=https://hooks.example.com/skyvern/webhooks",
					"server.servlet.context-path=/app")
			.run((context) -> assertThat(context.getBean(SkyvernWebhookUrlCustomizer.class).getWebhookUrl())
				.isEqualTo("https://hooks.example.com/skyvern/webhooks"));
	}

	@Test
	void webhookUrlIncludesTheWebFluxBasePath() {
		this.reactiveRunner
			.withPropertyValues("skyvern.webhooks.public-url=https://hooks.example.com", "spring.webflux.base-path=app/")
			.run((context) -> assertThat(context.getBean(SkyvernWebhookUrlCustomizer.class).getWebhookUrl())
				.isEqualTo("https://hooks.example.com/app/skyvern/webhooks"));
	}

	@Test
	void webhookUrlIgnoresServerPathsOutsideWebApplications() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
			.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.api-key=sk-location-test-key",
					"skyvern.webhooks.public-url=https://hooks.example.com", "server.servlet.context-path=/app")
			.run((context) -> assertThat(context.getBean(SkyvernWebhookUrlCustomizer.class).getWebhookUrl())
				.isEqualTo("https://hooks.example.com/skyvern/webhooks"));
	}

	@Test
	void warnsOnceAtStartupWithoutAPublicUrlNamingThePathUnderTheContextPathAndThePort(CapturedOutput output) {
		this.servletRunner.withPropertyValues("server.servlet.context-path=/app", "local.server.port=8123")
			.run((context) -> {
				context.publishEvent(new ContextRefreshedEvent(context));
				assertThat(output.getOut().split(PUBLIC_URL_NOT_SET, -1)).hasSize(2);
				assertThat(output).contains("WARN")
					.contains("the receiver answers at /app/skyvern/webhooks on port 8123.");
			});
	}

	@Test
	void warnsWithTheWebFluxBasePath(CapturedOutput output) {
		this.reactiveRunner.withPropertyValues("spring.webflux.base-path=/app", "skyvern.webhooks.path=/hooks")
			.run((context) -> assertThat(output).contains("the receiver answers at /app/hooks."));
	}

	@Test
	void doesNotWarnWithAPublicUrl(CapturedOutput output) {
		this.servletRunner.withPropertyValues("skyvern.webhooks.public-url=https://hooks.example.com")
			.run((context) -> assertThat(output).doesNotContain(PUBLIC_URL_NOT_SET));
	}

	@Test
	void doesNotWarnWhenTheApplicationFillsTheWebhookUrlWithItsOwnCustomizer(CapturedOutput output) {
		this.servletRunner.withUserConfiguration(OwnWebhookUrlConfiguration.class)
			.run((context) -> assertThat(output).doesNotContain(PUBLIC_URL_NOT_SET));
	}

	@Test
	void doesNotWarnWithoutEnableSkyvernWebhooks(CapturedOutput output) {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class))
			.run((context) -> assertThat(output).doesNotContain(PUBLIC_URL_NOT_SET));
	}

	@Test
	void answersOnlyOnThisApplicationsServerNotOnAManagementServerOfItsOwn() {
		// A management server on its own port runs a child context; WebFlux routes a child context's
		// requests to its parent's router functions too.
		this.reactiveRunner.withUserConfiguration(WebFluxConfiguration.class).run((runner) -> {
			ApplicationContext application = runner.getSourceApplicationContext();
			assertThat(postUnsigned(WebTestClient.bindToApplicationContext(application).build())).isEqualTo(401);
			try (AnnotationConfigReactiveWebApplicationContext management = new AnnotationConfigReactiveWebApplicationContext()) {
				management.setParent(application);
				management.register(WebFluxConfiguration.class);
				management.refresh();
				assertThat(postUnsigned(WebTestClient.bindToApplicationContext(management).build())).isEqualTo(404);
			}
		});
	}

	private static int postUnsigned(WebTestClient client) {
		return client.post()
			.uri("/skyvern/webhooks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"run_id\":\"wr_1\",\"status\":\"completed\"}")
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	static class WebFluxConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnWebhookUrlConfiguration {

		@Bean
		SkyvernWebhookUrlCustomizer ownWebhookUrl() {
			return new SkyvernWebhookUrlCustomizer("https://hooks.example.com/own");
		}

	}

}
