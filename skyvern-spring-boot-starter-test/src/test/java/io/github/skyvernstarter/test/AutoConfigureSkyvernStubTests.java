package io.github.skyvernstarter.test;

import java.time.Duration;
import java.util.Map;

import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AutoConfigureSkyvernStub} in an application with a web server.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSkyvernStub
class AutoConfigureSkyvernStubTests {

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowTemplate template;

	@Autowired
	private SkyvernProperties properties;

	@Autowired
	private StubbedTestApplication.RecordingWebhookController webhooks;

	@Test
	void pointsTheApplicationAtTheStubWithATestKey() {
		assertThat(this.properties.getBaseUrl()).isEqualTo(this.skyvern.baseUrl());
		assertThat(this.properties.getApiKey()).isEqualTo(SkyvernStubContextCustomizer.TEST_API_KEY);
		assertThat(this.properties.getPollInterval()).isEqualTo(Duration.ofMillis(10));
	}

	@Test
	void retriesAsInProductionWithoutWaiting() {
		assertThat(this.properties.getRetry().getInitialDelay()).isEqualTo(Duration.ofMillis(1));
		assertThat(this.properties.getRetry().getMaxDelay()).isEqualTo(Duration.ofMillis(1));
		assertThat(this.properties.getRetry().getJitter()).isZero();
		this.skyvern.stubWorkflow("wpid_x").failsToStart(429, "Rate limit exceeded");
		assertThatExceptionOfType(SkyvernRateLimitException.class)
			.isThrownBy(() -> this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").build()));
		assertThat(this.skyvern.runRequests()).hasSize(1 + (int) this.properties.getRetry().getMaxRetries());
	}

	@Test
	void waitsTakeMilliseconds() {
		this.skyvern.stubWorkflow("wpid_x").completesWith(Map.of("total", 42)).afterPolls(5);
		long start = System.nanoTime();
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").waitForCompletion().build());
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@RepeatedTest(2)
	void startsEachTestWithAFreshStub() {
		assertThat(this.skyvern.runRequests()).isEmpty();
		this.skyvern.stubWorkflow("wpid_x").failsToStart(404, "left over from an earlier test");
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_y").build());
		assertThat(this.skyvern.runsStarted()).hasSize(1);
	}

	@Test
	void deliversWebhooksToTheApplicationUnderTest() {
		this.webhooks.received.clear();
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		this.skyvern.deliverRunFinished(run.runId());
		assertThat(this.webhooks.received).singleElement().satisfies((received) -> {
			assertThat(received.getKey()).contains("\"run_id\":\"" + run.runId() + "\"");
			assertThat(received.getValue().getFirst("x-skyvern-signature"))
				.isEqualTo(new SkyvernWebhookSigner(SkyvernStubContextCustomizer.TEST_API_KEY).sign(received.getKey()));
		});
	}

}
