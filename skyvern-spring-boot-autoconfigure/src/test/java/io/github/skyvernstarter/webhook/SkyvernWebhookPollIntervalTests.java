package io.github.skyvernstarter.webhook;

import java.time.Duration;
import java.util.function.Function;

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
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import io.github.skyvernstarter.support.InProcessSkyvern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which interval a wait polls at, with webhooks enabled: the slow fallback only for a run whose
 * {@code webhook_url} is this receiver, {@code skyvern.poll-interval} for every other run. Nine
 * minutes pass on virtual time, with the application's completion source and customizers, against
 * Skyvern answered in process: each poll that falls due is sent, answered and counted inside
 * {@code advanceTimeBy}, so the count cannot trail the wait.
 */
class SkyvernWebhookPollIntervalTests {

	private static final String RECEIVER = "https://app.example.com/skyvern/webhooks";

	private static final Duration NINE_MINUTES = Duration.ofMinutes(9);

	private final InProcessSkyvern skyvern = new InProcessSkyvern();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernWebhookAutoConfiguration.class))
		.withUserConfiguration(WebhooksConfiguration.class)
		.withPropertyValues("skyvern.api-key=sk-poll-interval-test",
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
	 * Start a wait with the application's own completion source and customizers, on virtual time, and
	 * count the polls Skyvern receives while nine minutes pass.
	 */
	private int pollsInNineMinutes(AssertableApplicationContext context, String runId,
			Function<ReactiveSkyvernWorkflowTemplate, Mono<SkyvernRun>> wait) {
		assertThat(context).hasNotFailed();
		CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();
		SkyvernApiClient client = new SkyvernApiClient(this.skyvern.webClient(), "sk-poll-interval-test",
				Duration.ofSeconds(60), SkyvernRetryPolicy.none());
		ReactiveSkyvernWorkflowTemplate template = ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofMinutes(30),
					context.getBean(SkyvernProperties.class).getPollInterval()))
			.completionSource(context.getBean(RunCompletionSource.class))
			.requestCustomizers(context.getBeanProvider(RunWorkflowRequestCustomizer.class).orderedStream().toList())
			.timer(timer)
			.build();
		Disposable waiting = wait.apply(template).subscribe();
		try {
			// Every poll is answered on this thread: the wait is parked on its timeout and next poll.
			assertThat(timer.pending()).isEqualTo(2);
			timer.advanceTimeBy(NINE_MINUTES);
			return this.skyvern.requests(HttpMethod.GET, "/v1/runs/" + runId);
		}
		finally {
			waiting.dispose();
		}
	}

	private void stubRun(String runId, @Nullable String echoedWebhookUrl) {
		String runRequest = "{\"workflow_id\":\"wpid_t\",\"webhook_url\":"
				+ ((echoedWebhookUrl != null) ? "\"" + echoedWebhookUrl + "\"" : "null") + "}";
		String running = "{\"run_id\":\"" + runId + "\",\"status\":\"running\",\"run_type\":\"workflow_run\","
				+ "\"run_request\":" + runRequest + "}";
		this.skyvern.answer(HttpMethod.POST, "/v1/run/agents", running.replace("running", "queued"))
			.answer(HttpMethod.GET, "/v1/runs/" + runId, running);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

}
