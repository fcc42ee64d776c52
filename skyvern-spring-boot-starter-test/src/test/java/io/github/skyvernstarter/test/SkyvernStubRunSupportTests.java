package io.github.skyvernstarter.test;

import java.time.Duration;
import java.util.List;

import io.github.skyvernstarter.client.ListWorkflowsRequest;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.RetryRunRequest;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.VerificationCodeRequest;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit answers the run support calls (timeline, artifacts, retry, bulk cancel, workflows,
 * verification codes) as Skyvern does, driven by the starter's real client.
 */
class SkyvernStubRunSupportTests {

	private SkyvernStub stub;

	private SkyvernWorkflowTemplate skyvern;

	@BeforeEach
	void startStub() {
		this.stub = SkyvernStub.start();
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(this.stub.baseUrl()).build(),
				"sk_test_key", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		this.skyvern = new SkyvernWorkflowTemplate(new ReactiveSkyvernWorkflowTemplate(client,
				new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(10), Duration.ofMillis(5))));
	}

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	@Test
	void finishedRunIsRetriedAsANewRunOfTheSameRequest() {
		this.stub.stubWorkflow("wpid_invoices").finishesWith(RunStatus.FAILED).failureReason("Login failed");
		SkyvernRun failed = this.skyvern.runWorkflow(
				RunWorkflowRequest.builder("wpid_invoices").parameter("month", "2026-07").waitForCompletion().build());
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		this.stub.stubWorkflow("wpid_invoices").completesWith(List.of("INV-1"));
		SkyvernRun retried = this.skyvern.retryRun(RetryRunRequest.of(failed.runId()).withWait(null),
				io.github.skyvernstarter.client.RequestOptions.none());
		assertThat(retried.runId()).isNotEqualTo(failed.runId());
		assertThat(retried.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(retried.workflowId()).isEqualTo("wpid_invoices");
		assertThat(retried.runRequest().get("parameters").get("month").asString()).isEqualTo("2026-07");
	}

	@Test
	void runningRunCannotBeRetriedAndAnUnknownOneIsNotFound() {
		SkyvernRun created = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		assertThatExceptionOfType(SkyvernBadRequestException.class)
			.isThrownBy(() -> this.skyvern.retryRun(created.runId()));
		assertThatExceptionOfType(SkyvernNotFoundException.class).isThrownBy(() -> this.skyvern.retryRun("wr_none"));
	}

	@Test
	void timelineShowsTheRunsBlockAndWhyItFailed() {
		this.stub.stubWorkflow("wpid_x").finishesWith(RunStatus.FAILED).failureReason("Login failed");
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").waitForCompletion().build());
		assertThat(this.skyvern.getRunTimeline(run.runId())).singleElement()
			.satisfies((entry) -> assertThat(entry.firstFailedBlock().failureReason()).isEqualTo("Login failed"));
		assertThat(this.skyvern.getRunArtifacts(run.runId())).isEmpty();
	}

	@Test
	void bulkCancelTellsWhichRunsWereCancelled() {
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		CancelRunsResult result = this.skyvern.cancelRuns(List.of(run.runId(), "wr_unknown"));
		assertThat(result.cancelled()).containsExactly(run.runId());
		assertThat(result.failed()).containsExactly("wr_unknown");
		assertThat(this.stub.runStatus(run.runId())).isEqualTo(RunStatus.CANCELED);
		this.stub.assertRunCanceled(run.runId());
	}

	@Test
	void workflowsAreReadable() {
		assertThat(this.skyvern.getWorkflow("wpid_x").workflowPermanentId()).isEqualTo("wpid_x");
		assertThat(this.skyvern.listWorkflows(ListWorkflowsRequest.firstPage())).isEmpty();
	}

	@Test
	void pushedVerificationCodesAreRecorded() {
		assertThat(this.skyvern.sendVerificationCode(
				VerificationCodeRequest.of("billing@example.com", "123456").withWorkflowRunId("wr_1")).code())
			.isEqualTo("123456");
		assertThat(this.stub.twoFactor().pushedCodes()).singleElement().satisfies((code) -> {
			assertThat(code.totpIdentifier()).isEqualTo("billing@example.com");
			assertThat(code.workflowRunId()).isEqualTo("wr_1");
		});
	}

}
