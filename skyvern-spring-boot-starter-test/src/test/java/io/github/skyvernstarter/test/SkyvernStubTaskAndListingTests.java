package io.github.skyvernstarter.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.RunStartSettings;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit answers task runs, run listings (tags, paging) and ambiguous run starts as Skyvern does,
 * driven by the starter's real client.
 */
class SkyvernStubTaskAndListingTests {

	private SkyvernStub stub;

	private SkyvernWorkflowTemplate skyvern;

	@BeforeEach
	void startStub() {
		this.stub = SkyvernStub.start();
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(this.stub.baseUrl()).build(),
				"sk_test_key", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		this.skyvern = new SkyvernWorkflowTemplate(ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofSeconds(10), Duration.ofMillis(5)))
			.runStartSettings(new RunStartSettings(true, RunStartSettings.DEFAULT_REQUEST_ID_KEY, Duration.ofMillis(1)))
			.build());
	}

	@AfterEach
	void stopStub() {
		this.stub.close();
	}

	@Test
	void taskRunCompletesWithTheStubbedOutputAndItsRequestIsRecorded() {
		this.stub.tasks().completesWith(Map.of("price", "12.50")).afterPolls(2);
		SkyvernRun run = this.skyvern.runTask(TaskRunRequest.builder("Find the price")
			.url("https://shop.example.com")
			.maxSteps(5)
			.waitForCompletion(Duration.ofSeconds(5))
			.build(), RequestOptions.none());
		assertThat(run.runId()).startsWith("tsk_");
		assertThat(run.runType()).isEqualTo(RunType.TASK_V1);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.output().get("price").asString()).isEqualTo("12.50");
		RecordedTaskRequest request = this.stub.tasks().assertStarted();
		request.hasPrompt("Find the price").hasUrl("https://shop.example.com").hasBodyField("max_steps", 5);
		assertThat(request.runId()).isEqualTo(run.runId());
		assertThat(request.answeredWithError()).isFalse();
		this.stub.assertNoRunStarted();
	}

	@Test
	void engineTwoRunsAreTaskV2AndStartErrorsAreSkyvernsOwn() {
		SkyvernRun run = this.skyvern.runTask(
				TaskRunRequest.builder("Log in").engine("skyvern-2.0").build(), RequestOptions.none());
		assertThat(run.runId()).startsWith("tsk_v2_");
		assertThat(run.runType()).isEqualTo(RunType.TASK_V2);
		this.stub.tasks().failsToStart(400, "Blocked URL host");
		assertThatExceptionOfType(SkyvernBadRequestException.class).isThrownBy(() -> this.skyvern
			.runTask(TaskRunRequest.builder("Log in").url("http://10.0.0.1").build(), RequestOptions.none()));
		assertThat(this.stub.tasks().requests()).hasSize(2);
		assertThat(this.stub.tasks().started()).hasSize(1);
	}

	@Test
	void runListingFiltersByTagsAndStatusAndPages() {
		for (int i = 0; i < 5; i++) {
			this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_invoices")
				.runMetadata(Map.of("team", (i % 2 == 0) ? "billing" : "sales"))
				.build());
		}
		this.skyvern.runTask(TaskRunRequest.builder("Check the site").build(), RequestOptions.none());
		List<RunSummary> billing = this.skyvern
			.findRuns(RunQuery.builder().tag("team", "billing").pageSize(1).build(), 10, RequestOptions.none())
			.toList();
		assertThat(billing).hasSize(3).allSatisfy((run) -> assertThat(run.workflowId()).isEqualTo("wpid_invoices"));
		List<RunSummary> all = this.skyvern.findRuns(RunQuery.builder().pageSize(2).build(), 4, RequestOptions.none())
			.toList();
		assertThat(all).hasSize(4);
		assertThat(this.skyvern.findRuns(RunQuery.builder().runType(RunType.TASK_V1).build(), 10,
				RequestOptions.none())).singleElement()
			.satisfies((task) -> assertThat(task.runId()).startsWith("tsk_"));
		List<WorkflowRunSummary> sales = this.skyvern.findWorkflowRuns(
				WorkflowRunQuery.builder("wpid_invoices").tag("team", "sales").status(RunStatus.CREATED).pageSize(1).build(),
				10, RequestOptions.none())
			.toList();
		assertThat(sales).hasSize(2);
	}

	@Test
	void exactlyOnceRequestIdIsATagTheStubFinds() {
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_invoices").build());
		String requestId = this.stub.assertRunStarted("wpid_invoices")
			.body()
			.get("run_metadata")
			.get(RunStartSettings.DEFAULT_REQUEST_ID_KEY)
			.asString();
		assertThat(this.skyvern.findWorkflowRuns(WorkflowRunQuery.builder("wpid_invoices")
			.tag(RunStartSettings.DEFAULT_REQUEST_ID_KEY, requestId)
			.build(), 10, RequestOptions.none())).singleElement()
			.satisfies((found) -> assertThat(found.runId()).isEqualTo(run.runId()));
	}

	@Test
	void runStartFailingAfterCreatingIsFoundByTheLookupAndNotSentAgain() {
		this.stub.failNextRunStartAfterCreating();
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_invoices").build());
		assertThat(this.stub.runRequests()).hasSize(1);
		assertThat(this.stub.assertRunStarted("wpid_invoices").runId()).isEqualTo(run.runId());
	}

	@Test
	void runStartFailingBeforeCreatingIsSentAgainOnce() {
		this.stub.failNextRunStartBeforeCreating();
		SkyvernRun run = this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_invoices").build());
		assertThat(this.stub.runRequests()).hasSize(2);
		assertThat(this.stub.runRequests().get(0).started()).isFalse();
		assertThat(this.stub.assertRunStarted("wpid_invoices").runId()).isEqualTo(run.runId());
		assertThat(this.stub.runRequests().get(0).body().get("run_metadata"))
			.isEqualTo(this.stub.runRequests().get(1).body().get("run_metadata"));
	}

	@Test
	void taskStartFailingAfterCreatingIsFoundByItsTitleTokenAndNotSentAgain() {
		this.stub.failNextRunStartAfterCreating();
		SkyvernRun run = this.skyvern.runTask(TaskRunRequest.builder("Find the price").title("Prices").build(),
				RequestOptions.none());
		RecordedTaskRequest request = this.stub.tasks().assertStarted();
		assertThat(request.answeredWithError()).isTrue();
		assertThat(request.runId()).isEqualTo(run.runId());
		assertThat(request.title()).matches("Prices \\[client-request-id:[0-9a-f-]{36}\\]");
		assertThat(this.stub.tasks().requests()).hasSize(1);
		// The stub answered the lookup by the token in the run's title.
		assertThat(this.stub.wireMock().findAll(getRequestedFor(urlPathEqualTo("/v1/runs"))))
			.singleElement()
			.satisfies((lookup) -> assertThat(request.title()).endsWith(lookup.queryParameter("search_key").firstValue()));
	}

	@Test
	void taskStartFailingBeforeCreatingIsSentAgainOnceWithTheSameTitle() {
		this.stub.failNextRunStartBeforeCreating();
		SkyvernRun run = this.skyvern.runTask(TaskRunRequest.builder("Find the price").build(), RequestOptions.none());
		List<RecordedTaskRequest> requests = this.stub.tasks().requests();
		assertThat(requests).hasSize(2);
		assertThat(requests.get(0).started()).isFalse();
		assertThat(requests.get(0).title()).isEqualTo(requests.get(1).title());
		assertThat(this.stub.tasks().assertStarted().runId()).isEqualTo(run.runId());
	}

	@Test
	void skyvernTwoTaskStartFailingAfterCreatingIsNeverSentAgainAndTheRunExists() {
		this.stub.failNextRunStartAfterCreating();
		assertThatExceptionOfType(SkyvernException.class)
			.isThrownBy(() -> this.skyvern.runTask(
					TaskRunRequest.builder("Find the price").engine("skyvern-2.0").title("Prices").build(),
					RequestOptions.none()))
			.satisfies((ex) -> assertThat(ex.runMayHaveBeenCreated()).isTrue());
		RecordedTaskRequest request = this.stub.tasks().assertStarted();
		assertThat(request.answeredWithError()).isTrue();
		assertThat(request.title()).isEqualTo("Prices");
		assertThat(this.stub.runStatus(request.runId())).isEqualTo(RunStatus.CREATED);
		assertThat(this.stub.tasks().requests()).hasSize(1);
		assertThat(this.stub.wireMock().findAll(getRequestedFor(urlPathEqualTo("/v1/runs")))).isEmpty();
	}

}
