package io.github.skyvernstarter.autoconfigure;

import java.net.http.HttpClient;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.SkyvernWebClientCustomizer;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernRedirectException;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A redirect from anything in front of Skyvern is never followed, on either connector: the API key and
 * the run request never reach the other origin, and the 3xx is an error, not a created run.
 */
class SkyvernRedirectTests {

	private static final String KEY = "sk-redirect-secret-2718";

	private static final String RUN = """
			{"run_id":"wr_elsewhere","status":"created","created_at":"2026-08-22T18:30:00","run_type":"workflow_run"}""";

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension elsewhere = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort())
		.build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=" + KEY, "skyvern.base-url=" + skyvern.baseUrl(),
				"skyvern.retry.initial-delay=1ms", "skyvern.retry.jitter=0ms",
				// The application's own clients follow redirects: Skyvern's must not.
				"spring.http.clients.redirects=follow");

	@BeforeEach
	void otherOriginAcceptsEverything() {
		elsewhere.stubFor(any(anyUrl()).willReturn(okJson(RUN)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "jdk, 302", "jdk, 307", "reactor, 302", "reactor, 307", "reactor, 308", "jdk, 301" })
	void runStartRedirectIsAnErrorAndNothingReachesTheOtherOrigin(String connector, int status) {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(aResponse().withStatus(status)
			.withHeader("Location", elsewhere.baseUrl() + "/v1/run/agents?token=sekrit-" + KEY)));
		this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=" + connector)
			.run((context) -> {
				SkyvernRedirectException ex = redirected(() -> startRun(context));
				assertThat(ex.getStatusCode()).isEqualTo(status);
				assertThat(ex.getLocation()).isEqualTo(elsewhere.baseUrl() + "/v1/run/agents?…");
				assertThat(ex.runMayHaveBeenCreated()).isFalse();
				assertThat(ex.getMessage()).contains(String.valueOf(status))
					.contains(elsewhere.baseUrl() + "/v1/run/agents")
					.contains("skyvern.base-url (now " + skyvern.baseUrl() + "/)")
					.doesNotContain("sekrit")
					.doesNotContain(KEY);
				// Not retried, not turned into a GET, and nothing sent to the other origin.
				skyvern.verify(1, anyRequestedFor(anyUrl()));
				skyvern.verify(1, postRequestedFor(urlEqualTo("/v1/run/agents")));
				elsewhere.verify(0, anyRequestedFor(anyUrl()));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void readRedirectIsAnErrorAndIsNotRetried(String connector) {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1"))
			.willReturn(aResponse().withStatus(301).withHeader("Location", elsewhere.baseUrl() + "/v1/runs/wr_1")));
		this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=" + connector)
			.run((context) -> {
				SkyvernRedirectException ex = redirected(
						() -> context.getBean(SkyvernWorkflowTemplate.class).getRun("wr_1"));
				assertThat(ex.getLocation()).isEqualTo(elsewhere.baseUrl() + "/v1/runs/wr_1");
				skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
				elsewhere.verify(0, anyRequestedFor(anyUrl()));
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void redirectIsNotFollowedWithTheApplicationsOwnConnectorBuilder(String connector) {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere.baseUrl() + "/v1/run/agents")));
		ClientHttpConnectorBuilder<?> builder = "jdk".equals(connector) ? ClientHttpConnectorBuilder.jdk()
				.withHttpClientCustomizer((httpClient) -> httpClient.version(HttpClient.Version.HTTP_1_1))
				: ClientHttpConnectorBuilder.reactor().withHttpClientCustomizer((httpClient) -> httpClient.compress(false));
		this.contextRunner.withBean(ClientHttpConnectorBuilder.class, () -> builder)
			.run((context) -> {
				redirected(() -> startRun(context));
				elsewhere.verify(0, anyRequestedFor(anyUrl()));
			});
	}

	@Test
	void redirectIsAnErrorEvenWhenACustomizerSwapsTheConnector() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents"))
			.willReturn(aResponse().withStatus(303).withHeader("Location", elsewhere.baseUrl() + "/v1/run/agents")));
		this.contextRunner.withUserConfiguration(ConnectorSwappingCustomizer.class).run((context) -> {
			SkyvernRedirectException ex = redirected(() -> startRun(context));
			assertThat(ex.getStatusCode()).isEqualTo(303);
			elsewhere.verify(0, anyRequestedFor(anyUrl()));
		});
	}

	@Test
	void relativeLocationIsShownAgainstTheRequestedOrigin() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents"))
			.willReturn(aResponse().withStatus(307).withHeader("Location", "/login#top")));
		this.contextRunner.run((context) -> {
			SkyvernRedirectException ex = redirected(() -> startRun(context));
			assertThat(ex.getLocation()).isEqualTo(skyvern.baseUrl() + "/login");
		});
	}

	private static void startRun(ApplicationContext context) {
		context.getBean(SkyvernWorkflowTemplate.class).runWorkflow(RunWorkflowRequest.builder("wpid_1").build());
	}

	private static SkyvernRedirectException redirected(ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(SkyvernRedirectException.class);
		return (SkyvernRedirectException) thrown;
	}

	@Configuration(proxyBeanMethods = false)
	static class ConnectorSwappingCustomizer {

		@Bean
		SkyvernWebClientCustomizer plainJdkConnector() {
			// A connector built without Boot's settings: the 3xx still reaches the client, which refuses it.
			return (builder) -> builder.clientConnector(new JdkClientHttpConnector(HttpClient.newHttpClient()));
		}

	}

}
