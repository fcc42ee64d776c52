package io.github.skyvernstarter.webhook;

import java.time.Duration;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.autoconfigure.SkyvernAutoConfiguration;
import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import io.github.skyvernstarter.autoconfigure.SkyvernWebhookAutoConfiguration;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which interval a wait polls at, with webhooks enabled: the slow fallback only for a run whose
 * {@code webhook_url} is this receiver, {@code skyvern.poll-interval} for every other run. Nine
 * minutes pass on virtual time; the polls are counted on WireMock.
 */
class SkyvernWebhookPollIntervalTests {

	private static final String RECEIVER = "https://app.example.com/skyvern/webhooks";

	private static final Duration NINE_MINUTES = Duration.ofMinutes(9);

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernWebhookAutoConfiguration.class))
		.withUserConfiguration(WebhooksConfiguration.class)
		.withPropertyValues("skyvern.api-key=sk-poll-interval-test", "skyvern.base-url=" + skyvern.baseUrl(),
				"skyvern.poll-interval=30s", "skyvern.webhooks.fallback-poll-interval=3m");

	private final ApplicationContextRunner withPublicUrl = this.contextRunner
		.withPropertyValues("skyvern.webhooks.public-url=https://app.example.com");

	@Test
	void runWhoseWebhookComesHereIsPolledAtTheFallbackInterval() {
		stubRun("wr_ours", null);
		this.withPublicUrl.run((context) -> assertThat(pollsInNineMinutes(context, "wr_ours",
				(template) -> template.runWorkflow(RunWorkflowRequest.builder("wpid_t").waitForCompletion().build(),
						RequestOptions.none())))
			.isEqualTo(3));
	}

	@Test
	void runWithAForeignWebhookUrlIsPolledAtThePollInterval() {
		stubRun("wr_foreign", null);
		this.withPublicUrl.run((context) -> assertThat(pollsInNineMinutes(context, "wr_foreign",
				(template) -> template.runWorkflow(RunWorkflowRequest.builder("wpid_t")
					.webhookUrl("https://elsewhere.example.com/hooks")
					.waitForCompletion()
					.build(), RequestOptions.none())))
			.isEqualTo(18));
	}

	@Test
	void runWithAForeignWebhookUrlInTheCallsBodyParametersIsPolledAtThePollInterval() {
		stubRun("wr_body_param", null);
		this.withPublicUrl.run((context) -> assertThat(pollsInNineMinutes(context, "wr_body_param",
				(template) -> template.runWorkflow(RunWorkflowRequest.builder("wpid_t").waitForCompletion().build(),
						RequestOptions.builder().bodyParameter("webhook_url", "https://elsewhere.example.com").build())))
			.isEqualTo(18));
	}

	@Test
	void withoutAPublicUrlNoWebhookIsExpectedAndRunsArePolledAtThePollInterval() {
		stubRun("wr_no_public_url", null);
		this.contextRunner.run((context) -> assertThat(pollsInNineMinutes(context, "wr_no_public_url",
				(template) -> template.runWorkflow(RunWorkflowRequest.builder("wpid_t").waitForCompletion().build(),
						RequestOptions.none())))
			.isEqualTo(18));
	}

	@Test
	void waitForCompletionLearnsTheWebhookUrlFromTheFirstPoll() {
		stubRun("wr_echoed_ours", RECEIVER);
		stubRun("wr_echoed_foreign", "https://elsewhere.example.com/hooks");
		stubRun("wr_echoed_none", null);
		this.withPublicUrl.run((context) -> {
			// The first poll comes at once; its answer decides the interval of the rest.
			assertThat(pollsInNineMinutes(context, "wr_echoed_ours",
					(template) -> template.waitForCompletion("wr_echoed_ours", null, RequestOptions.none())))
				.isEqualTo(1 + 3);
			assertThat(pollsInNineMinutes(context, "wr_echoed_foreign",
					(template) -> template.waitForCompletion("wr_echoed_foreign", null, RequestOptions.none())))
				.isEqualTo(1 + 18);
			assertThat(pollsInNineMinutes(context, "wr_echoed_none",
					(template) -> template.waitForCompletion("wr_echoed_none", null, RequestOptions.none())))
				.isEqualTo(1 + 18);
		});
	}

	@Test
	void withoutAPublicUrlEvenAnEchoedWebhookUrlGetsThePollInterval() {
		stubRun("wr_echoed_no_receiver", RECEIVER);
		this.contextRunner.run((context) -> assertThat(pollsInNineMinutes(context, "wr_echoed_no_receiver",
				(template) -> template.waitForCompletion("wr_echoed_no_receiver", null, RequestOptions.none())))
			.isEqualTo(1 + 18));
	}

	/**
	 * Start a wait with the application's own client, completion source and customizers, on virtual
	 * time, and count the polls WireMock receives while nine minutes pass.
	 */
	private static int pollsInNineMinutes(AssertableApplicationContext context, String runId,
			Function<ReactiveSkyvernWorkflowTemplate, Mono<SkyvernRun>> wait) {
		assertThat(context).hasNotFailed();
		CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();
		ReactiveSkyvernWorkflowTemplate template = ReactiveSkyvernWorkflowTemplate
			.builder(context.getBean(SkyvernApiClient.class))
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofMinutes(30),
					context.getBean(SkyvernProperties.class).getPollInterval()))
			.completionSource(context.getBean(RunCompletionSource.class))
			.requestCustomizers(context.getBeanProvider(RunWorkflowRequestCustomizer.class).orderedStream().toList())
			.timer(timer)
			.build();
		Disposable waiting = wait.apply(template).subscribe();
		try {
			// Pending: the wait's timeout and the next poll. A poll that falls due leaves the count
			// until its answer has come back and the poll after it is scheduled.
			awaitTwoPending(timer);
			while (timer.elapsed().compareTo(NINE_MINUTES) < 0) {
				timer.advanceTimeBy(Duration.ofSeconds(10));
				awaitTwoPending(timer);
			}
			return skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/" + runId))).size();
		}
		finally {
			waiting.dispose();
		}
	}

	private static void awaitTwoPending(CountingVirtualTimeScheduler timer) {
		await().atMost(Duration.ofSeconds(10))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(2))
			.until(() -> timer.pending() == 2);
	}

	private static void stubRun(String runId, @Nullable String echoedWebhookUrl) {
		String runRequest = "{\"workflow_id\":\"wpid_t\",\"webhook_url\":"
				+ ((echoedWebhookUrl != null) ? "\"" + echoedWebhookUrl + "\"" : "null") + "}";
		String running = "{\"run_id\":\"" + runId + "\",\"status\":\"running\",\"run_type\":\"workflow_run\","
				+ "\"run_request\":" + runRequest + "}";
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(running.replace("running", "queued"))));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId)).willReturn(okJson(running)));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

}
