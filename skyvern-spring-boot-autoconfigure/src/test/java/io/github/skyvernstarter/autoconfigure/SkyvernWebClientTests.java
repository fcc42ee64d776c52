package io.github.skyvernstarter.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.SkyvernWebClientCustomizer;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the Skyvern WebClient is built from the application's Boot-provided
 * {@code WebClient.Builder} and connector choice.
 */
class SkyvernWebClientTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void setUp() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1")).willReturn(okJson(
				"{\"run_id\":\"wr_1\",\"status\":\"running\",\"created_at\":\"2026-08-22T18:30:00\",\"modified_at\":\"2026-08-22T18:30:00\",\"run_type\":\"workflow_run\"}")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=sk-test", "skyvern.base-url=" + skyvern.baseUrl() + "/");
	}

	@Test
	void worksOnTheJdkHttpClientConnector() {
		this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=jdk").run((context) -> {
			assertThat(context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1").runId()).isEqualTo("wr_1");
			skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
		});
	}

	@Test
	void appliesApplicationWebClientCustomizersAndSkyvernCustomizers() {
		this.contextRunner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			var request = skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/wr_1"))).get(0);
			assertThat(request.getHeader("x-from-boot-customizer")).isEqualTo("yes");
			assertThat(request.getHeader("x-from-skyvern-customizer")).isEqualTo("yes");
		});
	}

	@Test
	void sendsApiKeyAndLibraryUserAgent() {
		this.contextRunner.run((context) -> {
			context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1");
			var request = skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/wr_1"))).get(0);
			assertThat(request.getHeader("x-api-key")).isEqualTo("sk-test");
			assertThat(request.getHeader("User-Agent")).matches("skyvern-spring-boot-starter/\\d+\\.\\d+\\.\\d+.*");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		WebClientCustomizer bootCustomizer() {
			return (builder) -> builder.defaultHeader("x-from-boot-customizer", "yes");
		}

		@Bean
		SkyvernWebClientCustomizer skyvernCustomizer() {
			return (builder) -> builder.defaultHeader("x-from-skyvern-customizer", "yes");
		}

	}

}
