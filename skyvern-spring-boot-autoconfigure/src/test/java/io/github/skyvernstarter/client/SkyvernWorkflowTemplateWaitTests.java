package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.concurrent.Callable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for waiting in {@link ReactiveSkyvernWorkflowTemplate} and {@link SkyvernWorkflowTemplate}: the
 * polls are real HTTP calls to WireMock, the poll interval and the wait timeout run on virtual time.
 */
class SkyvernWorkflowTemplateWaitTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration POLL_INTERVAL = Duration.ofMillis(10);

	/** A parked wait holds two delays: its timeout and its next poll. */
	private static final int PARKED = 2;

	private final CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();

	private final SkyvernWorkflowTemplate template = new SkyvernWorkflowTemplate(reactiveTemplate());

	private ReactiveSkyvernWorkflowTemplate reactiveTemplate() {
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(skyvern.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(5), SkyvernRetryPolicy.none());
		return ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(5), POLL_INTERVAL))
			.timer(this.timer)
			.build();
	}

	private <T> T onVirtualTime(Callable<T> call) {
		return this.timer.drive(call, POLL_INTERVAL, PARKED);
	}

	private void stubRunThatFinishesAfterPolls(String runId, String... statuses) {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(SkyvernTestRuns.run(runId, "created"))));
		String state = Scenario.STARTED;
		for (int i = 0; i < statuses.length; i++) {
			String next = "poll-" + (i + 1);
			skyvern.stubFor(get(urlEqualTo("/v1/runs/" + runId)).inScenario(runId)
				.whenScenarioStateIs(state)
				.willReturn(okJson(SkyvernTestRuns.run(runId, statuses[i], "{\"total\": 42}")))
				.willSetStateTo(next));
			state = next;
		}
	}

	@Test
	void runWorkflowWithWaitPollsUntilFinalStatus() {
		stubRunThatFinishesAfterPolls("wr_1", "queued", "running", "completed");
		SkyvernRun run = onVirtualTime(
				() -> this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitForCompletion().build()));
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output().get("total").asInt()).isEqualTo(42);
		skyvern.verify(1, postRequestedFor(urlEqualTo("/v1/run/agents")));
		skyvern.verify(3, getRequestedFor(urlEqualTo("/v1/runs/wr_1")));
	}

	@Test
	void runWorkflowWithoutWaitReturnsCreatedRunAndNeverPolls() {
		stubRunThatFinishesAfterPolls("wr_2", "completed");
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_test").build());
		assertThat(run.status()).isEqualTo(RunStatus.CREATED);
		skyvern.verify(0, getRequestedFor(urlEqualTo("/v1/runs/wr_2")));
	}

	@Test
	void waitForCompletionReturnsAtOnceForFinishedRun() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_3")).willReturn(okJson(SkyvernTestRuns.run("wr_3", "failed"))));
		SkyvernRun run = this.template.waitForCompletion("wr_3", Duration.ofSeconds(2));
		assertThat(run.status()).isEqualTo(RunStatus.FAILED);
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_3")));
	}

	@Test
	void pausedIsNotFinalAndUnknownStatusKeepsWaiting() {
		stubRunThatFinishesAfterPolls("wr_4", "paused", "brand_new_status", "canceled");
		SkyvernRun run = onVirtualTime(() -> this.template.waitForCompletion("wr_4", Duration.ofSeconds(2)));
		assertThat(run.status()).isEqualTo(RunStatus.CANCELED);
		skyvern.verify(3, getRequestedFor(urlEqualTo("/v1/runs/wr_4")));
	}

	@Test
	void waitTimesOutWithRunIdAndLastStatusAndLeavesRunRunning() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_5")).willReturn(okJson(SkyvernTestRuns.run("wr_5", "running"))));
		assertThatExceptionOfType(SkyvernWaitTimeoutException.class)
			.isThrownBy(() -> onVirtualTime(() -> this.template.waitForCompletion("wr_5", Duration.ofMillis(300))))
			.satisfies((ex) -> {
				assertThat(ex.getRunId()).isEqualTo("wr_5");
				assertThat(ex.getLastStatus()).isEqualTo(RunStatus.RUNNING);
				assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300));
				assertThat(ex.getMessage()).contains("wr_5").contains("running").contains("keeps running");
			});
		skyvern.verify(0, postRequestedFor(urlEqualTo("/v1/runs/wr_5/cancel")));
	}

	@Test
	void runWorkflowUsesRequestTimeoutForTheWait() {
		skyvern.stubFor(post(urlEqualTo("/v1/run/agents")).willReturn(okJson(SkyvernTestRuns.run("wr_6", "queued"))));
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_6")).willReturn(okJson(SkyvernTestRuns.run("wr_6", "running"))));
		assertThatExceptionOfType(SkyvernWaitTimeoutException.class)
			.isThrownBy(() -> onVirtualTime(() -> this.template.reactive()
				.runWorkflow(RunWorkflowRequest.builder("wpid_test").waitTimeout(Duration.ofMillis(200)).build())
				.block()))
			.withMessageContaining("PT0.2S");
		assertThat(this.timer.elapsed()).isEqualTo(Duration.ofMillis(200));
	}

	@Test
	void waitFailsFastWhenPollingGetsNotFound() {
		skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_missing"))
			.willReturn(aResponse().withStatus(404).withBody("{\"detail\":\"Run not found\"}")));
		assertThatExceptionOfType(SkyvernNotFoundException.class)
			.isThrownBy(() -> this.template.waitForCompletion("wr_missing", Duration.ofSeconds(5)))
			.withMessageContaining("Run not found");
	}

	@Test
	void reactiveWaitHoldsNoThreadWhileWaiting() {
		stubRunThatFinishesAfterPolls("wr_7", "running", "running", "completed");
		StepVerifier.create(this.template.reactive().waitForCompletion("wr_7", Duration.ofSeconds(2)))
			.then(() -> {
				// Parked between polls: the wait holds timers only, no thread.
				this.timer.awaitPending(PARKED);
				this.timer.advanceTimeBy(POLL_INTERVAL);
				this.timer.awaitPending(PARKED);
				this.timer.advanceTimeBy(POLL_INTERVAL);
			})
			.assertNext((run) -> assertThat(run.isFinal()).isTrue())
			.verifyComplete();
	}

}
