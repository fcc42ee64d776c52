package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the paging of {@code findRuns} and {@code findWorkflowRuns} on both faces: how many pages a
 * WireMock server was asked for, and which runs came back.
 */
class SkyvernFindRunsPagingTests {

	private static WireMockServer wiremock;

	private ReactiveSkyvernWorkflowTemplate reactive;

	private SkyvernWorkflowTemplate blocking;

	// Marks this test's requests: WireMock may log a previous test's last request after resetAll.
	private String testId;

	private RequestOptions options;

	@BeforeAll
	static void startServer() {
		wiremock = new WireMockServer(options().dynamicPort());
		wiremock.start();
	}

	@AfterAll
	static void stopServer() {
		wiremock.stop();
	}

	@BeforeEach
	void setUp() {
		wiremock.resetAll();
		this.testId = java.util.UUID.randomUUID().toString();
		this.options = RequestOptions.builder().header("x-test-id", this.testId).build();
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(5), SkyvernRetryPolicy.none());
		this.reactive = ReactiveSkyvernWorkflowTemplate.builder(client).build();
		this.blocking = new SkyvernWorkflowTemplate(this.reactive);
	}

	@Test
	void blockingStreamStopsAtMaxResultsAndAsksForNoPageBeyondThem() {
		stubRunPages(10, 10, 10, 10);
		List<String> ids = this.blocking.findRuns(RunQuery.builder().build(), 25, this.options).map(RunSummary::runId).toList();
		assertThat(ids).hasSize(25).startsWith("wr_1_0", "wr_1_1").endsWith("wr_3_4");
		assertThat(runPagesRequested()).isEqualTo(3);
	}

	@Test
	void blockingStreamIsLazy() {
		stubRunPages(10, 10, 10);
		Stream<RunSummary> runs = this.blocking.findRuns(RunQuery.builder().build(), 30, this.options);
		assertThat(runPagesRequested()).isZero();
		assertThat(runs.limit(3).map(RunSummary::runId)).containsExactly("wr_1_0", "wr_1_1", "wr_1_2");
		assertThat(runPagesRequested()).isEqualTo(1);
	}

	@Test
	void blockingStreamStopsAtTheFirstShortPage() {
		stubRunPages(10, 4, 10);
		assertThat(this.blocking.findRuns(RunQuery.builder().build(), 1000, this.options)).hasSize(14);
		assertThat(runPagesRequested()).isEqualTo(2);
	}

	@Test
	void blockingStreamStopsAtAnEmptyPageAfterFullOnes() {
		stubRunPages(10, 0);
		assertThat(this.blocking.findRuns(RunQuery.builder().build(), 1000, this.options)).hasSize(10);
		assertThat(runPagesRequested()).isEqualTo(2);
	}

	@Test
	void pagingNeverAsksForAPageSkyvernWouldRefuse() {
		int[] full = new int[12];
		java.util.Arrays.fill(full, 100);
		stubRunPages(full);
		RunQuery searched = RunQuery.builder().searchKey("invoice").pageSize(100).build();
		assertThat(this.blocking.findRuns(searched, 5000, this.options)).hasSize(1000);
		assertThat(runPagesRequested()).isEqualTo(10);
		this.testId = java.util.UUID.randomUUID().toString();
		this.options = RequestOptions.builder().header("x-test-id", this.testId).build();
		StepVerifier.create(this.reactive.findRuns(searched, 5000, this.options)).expectNextCount(1000).verifyComplete();
		assertThat(runPagesRequested()).isEqualTo(10);
	}

	@Test
	void blockingPageCallReturnsOnePage() {
		stubRunPages(10, 3);
		RunPage<RunSummary> page = this.blocking.findRunsPage(RunQuery.builder().build(), 2, this.options);
		assertThat(page.items()).extracting(RunSummary::runId).containsExactly("wr_2_0", "wr_2_1", "wr_2_2");
		assertThat(page.isLast()).isTrue();
	}

	@Test
	void reactiveFluxFetchesTheNextPageOnlyWhenAsked() {
		stubRunPages(10, 10, 10);
		StepVerifier.create(this.reactive.findRuns(RunQuery.builder().build(), 30, this.options), 0)
			.then(() -> assertThat(runPagesRequested()).isZero())
			.thenRequest(5)
			.expectNextCount(5)
			.then(() -> assertThat(runPagesRequested()).isEqualTo(1))
			.thenRequest(10)
			.expectNextCount(10)
			.then(() -> assertThat(runPagesRequested()).isEqualTo(2))
			.thenCancel()
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void reactiveFluxStopsAtMaxResults() {
		stubRunPages(10, 10, 10);
		StepVerifier.create(this.reactive.findRuns(RunQuery.builder().build(), 12, this.options).map(RunSummary::runId))
			.expectNextCount(11)
			.expectNext("wr_2_1")
			.verifyComplete();
		assertThat(runPagesRequested()).isEqualTo(2);
	}

	@Test
	void workflowRunsArePagedOnBothFaces() {
		stubWorkflowRunPages(3, 3, 1);
		WorkflowRunQuery query = WorkflowRunQuery.builder("wpid_1").pageSize(3).build();
		assertThat(this.blocking.findWorkflowRuns(query, 100, this.options).map(WorkflowRunSummary::runId))
			.containsExactly("wr_1_0", "wr_1_1", "wr_1_2", "wr_2_0", "wr_2_1", "wr_2_2", "wr_3_0");
		StepVerifier.create(this.reactive.findWorkflowRuns(query, 4, this.options).map(WorkflowRunSummary::runId))
			.expectNext("wr_1_0", "wr_1_1", "wr_1_2", "wr_2_0")
			.verifyComplete();
		assertThat(this.blocking.findWorkflowRunsPage(query, 3, this.options).items()).hasSize(1);
		assertThat(wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/agents/wpid_1/runs")).withHeader("x-test-id",
				equalTo(this.testId))))
			.hasSize(3 + 2 + 1);
	}

	@Test
	void aFailedPageFailsTheListingAfterTheRunsBeforeIt() {
		stubRunPages(10);
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs")).withQueryParam("page", equalTo("2"))
			.willReturn(aResponse().withStatus(503)));
		Stream<RunSummary> runs = this.blocking.findRuns(RunQuery.builder().build(), 20, this.options);
		assertThatExceptionOfType(SkyvernServerException.class).isThrownBy(runs::toList);
		StepVerifier.create(this.reactive.findRuns(RunQuery.builder().build(), 20, this.options))
			.expectNextCount(10)
			.expectError(SkyvernServerException.class)
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void maxResultsMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.blocking.findRuns(RunQuery.builder().build(), 0, this.options));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.reactive.findWorkflowRuns(WorkflowRunQuery.builder("wpid_1").build(), 0, this.options));
	}

	private int runPagesRequested() {
		return wiremock.findAll(getRequestedFor(urlPathEqualTo("/v1/runs")).withHeader("x-test-id", equalTo(this.testId)))
			.size();
	}

	private static void stubRunPages(int... sizes) {
		for (int page = 1; page <= sizes.length; page++) {
			StringJoiner items = new StringJoiner(",", "[", "]");
			for (int i = 0; i < sizes[page - 1]; i++) {
				items.add("{\"task_run_id\":\"tr\",\"run_id\":\"wr_" + page + "_" + i + "\",\"task_run_type\":\"workflow_run\","
						+ "\"status\":\"completed\",\"created_at\":\"2026-08-22T18:30:00\"}");
			}
			stub("/v1/runs", page, items.toString());
		}
	}

	private static void stubWorkflowRunPages(int... sizes) {
		for (int page = 1; page <= sizes.length; page++) {
			StringJoiner items = new StringJoiner(",", "[", "]");
			for (int i = 0; i < sizes[page - 1]; i++) {
				items.add("{\"workflow_run_id\":\"wr_" + page + "_" + i + "\",\"workflow_id\":\"w_1\","
						+ "\"workflow_permanent_id\":\"wpid_1\",\"organization_id\":\"o_1\",\"status\":\"running\","
						+ "\"created_at\":\"2026-08-22T18:30:00\",\"modified_at\":\"2026-08-22T18:30:00\"}");
			}
			stub("/v1/agents/wpid_1/runs", page, items.toString());
		}
	}

	private static void stub(String path, int page, String body) {
		wiremock.stubFor(get(urlPathEqualTo(path)).withQueryParam("page", equalTo(Integer.toString(page)))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
	}

}
