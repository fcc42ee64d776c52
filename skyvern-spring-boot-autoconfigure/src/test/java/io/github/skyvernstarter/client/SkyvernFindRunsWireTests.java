package io.github.skyvernstarter.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Wire tests for the run listings, {@code GET /v1/runs} and {@code GET /v1/agents/{workflowId}/runs}:
 * the query parameters a WireMock server received, and how their bare-array answers are read.
 */
class SkyvernFindRunsWireTests {

	private static final String API_KEY = "sk-test-key-find-runs";

	private static final String RUN_ITEM = "{\"task_run_id\":\"tr_1\",\"run_id\":\"wr_1\",\"task_run_type\":\"workflow_run\","
			+ "\"status\":\"completed\",\"title\":\"Invoices\",\"started_at\":\"2026-08-22T18:30:01\","
			+ "\"finished_at\":\"2026-08-22T18:31:00.5Z\",\"created_at\":\"2026-08-22T18:30:00.160725\","
			+ "\"workflow_permanent_id\":\"wpid_1\",\"workflow_deleted\":false,\"script_run\":true,"
			+ "\"trigger_type\":\"api\",\"brand_new_field\":{\"x\":1}}";

	private static final String TASK_ITEM = "{\"task_run_id\":\"tr_2\",\"run_id\":\"tsk_2\",\"task_run_type\":\"task_v1\","
			+ "\"status\":\"running\",\"created_at\":\"2026-08-22T18:29:00\"}";

	private static final String WORKFLOW_RUN = "{\"workflow_run_id\":\"wr_7\",\"workflow_id\":\"w_3\","
			+ "\"workflow_permanent_id\":\"wpid_1\",\"organization_id\":\"o_1\",\"status\":\"failed\","
			+ "\"failure_reason\":\"Login failed\",\"webhook_failure_reason\":null,\"parent_workflow_run_id\":\"wr_6\","
			+ "\"workflow_title\":\"Invoices\",\"trigger_type\":\"scheduled\",\"created_at\":\"2026-08-22T18:30:00\","
			+ "\"modified_at\":\"2026-08-22T18:40:00\",\"finished_at\":\"2026-08-22T18:40:00\",\"credits_used\":3}";

	private static WireMockServer wiremock;

	private SkyvernApiClient client;

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
		this.client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(), API_KEY,
				Duration.ofSeconds(5), SkyvernRetryPolicy.none());
	}

	// GET /v1/runs

	@Test
	void findRunsWithoutFiltersSendsPageAndSkyvernsDefaultPageSizeOnly() {
		answer("/v1/runs", "[]");
		RunPage<RunSummary> page = this.client.findRuns(RunQuery.builder().build(), 1, RequestOptions.none()).block();
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("GET");
		assertThat(request.getUrl()).isEqualTo("/v1/runs?page=1&page_size=10");
		assertThat(request.getHeader(SkyvernApiClient.API_KEY_HEADER)).isEqualTo(API_KEY);
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
		assertThat(request.getBodyAsString()).isEmpty();
		assertThat(page.items()).isEmpty();
		assertThat(page.isLast()).isTrue();
	}

	@Test
	void findRunsSendsEveryFilterWithListsAsRepeatedParameters() {
		answer("/v1/runs", "[]");
		RunQuery query = RunQuery.builder()
			.status(RunStatus.RUNNING, RunStatus.QUEUED)
			.runType(RunType.WORKFLOW_RUN, RunType.TASK_V2)
			.workflowId("wpid_1", "wpid_2")
			.tag("tenant", "acme")
			.tagTerm("env:*")
			.searchKey("invoice")
			.pageSize(100)
			.build();
		this.client.findRuns(query, 3, RequestOptions.none()).block();
		Map<String, List<String>> parameters = queryParameters(onlyRequest());
		assertThat(parameters).containsExactly(Map.entry("page", List.of("3")), Map.entry("page_size", List.of("100")),
				Map.entry("status", List.of("running", "queued")),
				Map.entry("run_type", List.of("workflow_run", "task_v2")),
				Map.entry("workflow_permanent_id", List.of("wpid_1", "wpid_2")),
				Map.entry("tags", List.of("tenant:acme", "env:*")), Map.entry("search_key", List.of("invoice")));
	}

	@Test
	void findRunsEncodesReservedCharactersOfValuesAsPartOfTheValue() {
		answer("/v1/runs", "[]");
		RunQuery query = RunQuery.builder().tag("team", "r&d+ops=1").searchKey("a&b=c+d %20 ü").build();
		this.client.findRuns(query, 1, RequestOptions.none()).block();
		Map<String, List<String>> parameters = queryParameters(onlyRequest());
		assertThat(parameters.get("tags")).containsExactly("team:r&d+ops=1");
		assertThat(parameters.get("search_key")).containsExactly("a&b=c+d %20 ü");
		assertThat(parameters).containsOnlyKeys("page", "page_size", "tags", "search_key");
	}

	@Test
	void findRunsReadsTheBareArrayIntoAPageOfSummaries() {
		answer("/v1/runs", "[" + RUN_ITEM + "," + TASK_ITEM + "]");
		RunPage<RunSummary> page = this.client.findRuns(RunQuery.builder().pageSize(2).build(), 4, RequestOptions.none())
			.block();
		assertThat(page.page()).isEqualTo(4);
		assertThat(page.pageSize()).isEqualTo(2);
		assertThat(page.isLast()).isFalse();
		RunSummary workflowRun = page.items().get(0);
		assertThat(workflowRun.runId()).isEqualTo("wr_1");
		assertThat(workflowRun.taskRunId()).isEqualTo("tr_1");
		assertThat(workflowRun.runType()).isEqualTo(RunType.WORKFLOW_RUN);
		assertThat(workflowRun.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(workflowRun.isFinal()).isTrue();
		assertThat(workflowRun.title()).isEqualTo("Invoices");
		assertThat(workflowRun.createdAt()).isEqualTo(Instant.parse("2026-08-22T18:30:00.160725Z"));
		assertThat(workflowRun.startedAt()).isEqualTo(Instant.parse("2026-08-22T18:30:01Z"));
		assertThat(workflowRun.finishedAt()).isEqualTo(Instant.parse("2026-08-22T18:31:00.5Z"));
		assertThat(workflowRun.workflowId()).isEqualTo("wpid_1");
		assertThat(workflowRun.scriptRun()).isTrue();
		assertThat(workflowRun.triggerType()).isEqualTo("api");
		RunSummary task = page.items().get(1);
		assertThat(task.runType()).isEqualTo(RunType.TASK_V1);
		assertThat(task.workflowId()).isNull();
		assertThat(task.startedAt()).isNull();
	}

	@Test
	void findRunsRefusesPagesSkyvernWouldRefuseWithoutSendingAnything() {
		RunQuery plain = RunQuery.builder().pageSize(100).build();
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.findRuns(plain, 0, RequestOptions.none()));
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.findRuns(plain, 101, RequestOptions.none()));
		RunQuery searched = RunQuery.builder().searchKey("invoice").pageSize(100).build();
		assertThat(searched.isPageable(10)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.findRuns(searched, 11, RequestOptions.none()))
			.withMessageContaining("1000");
		assertThat(wiremock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void runQueryRefusesValuesSkyvernRejectsOrCannotMatch() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().searchKey("ab").build());
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().pageSize(101).build());
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().tag("skyvern.x", "1"));
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().tag("a key", "1"));
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().tag("k", "a,b"));
		assertThatIllegalArgumentException().isThrownBy(() -> RunQuery.builder().tagTerm("a,b"));
		RunQuery.Builder tooManyTags = RunQuery.builder();
		for (int i = 0; i < 21; i++) {
			tooManyTags.tag("k" + i, "v");
		}
		assertThatIllegalArgumentException().isThrownBy(tooManyTags::build);
		RunQuery.Builder tooManyWorkflows = RunQuery.builder();
		for (int i = 0; i < 51; i++) {
			tooManyWorkflows.workflowId("wpid_" + i);
		}
		assertThatIllegalArgumentException().isThrownBy(tooManyWorkflows::build);
	}

	@Test
	void findRunsReportsANullItemAsAMalformedAnswer() {
		answer("/v1/runs", "[" + RUN_ITEM + ",null]");
		Throwable failure = catchThrowable(
				() -> this.client.findRuns(RunQuery.builder().build(), 1, RequestOptions.none()).block());
		assertThat(failure).isInstanceOf(SkyvernMalformedResponseException.class);
	}

	// GET /v1/agents/{workflowId}/runs

	@Test
	void findWorkflowRunsWithoutFiltersSendsTheWorkflowInThePathAndThePageOnly() {
		answer("/v1/agents/wpid_1/runs", "[]");
		this.client.findWorkflowRuns(WorkflowRunQuery.builder("wpid_1").build(), 1, RequestOptions.none()).block();
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("GET");
		assertThat(request.getUrl()).isEqualTo("/v1/agents/wpid_1/runs?page=1&page_size=10");
	}

	@Test
	void findWorkflowRunsSendsEveryFilter() {
		answer("/v1/agents/wpid_1/runs", "[]");
		WorkflowRunQuery query = WorkflowRunQuery.builder("wpid_1")
			.status(RunStatus.FAILED, RunStatus.TIMED_OUT)
			.createdBetween(Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-07-01T12:30:00.250Z"))
			.tag("request-id", "4f1c-9e")
			.tag("tenant", "acme")
			.includeChildRuns(true)
			.searchKey("login_url")
			.errorCode("LOGIN_FAILED")
			.pageSize(50)
			.build();
		this.client.findWorkflowRuns(query, 2, RequestOptions.none()).block();
		assertThat(queryParameters(onlyRequest())).containsExactly(Map.entry("page", List.of("2")),
				Map.entry("page_size", List.of("50")), Map.entry("status", List.of("failed", "timed_out")),
				Map.entry("created_at_start", List.of("2026-06-01T00:00:00Z")),
				Map.entry("created_at_end", List.of("2026-07-01T12:30:00.250Z")),
				Map.entry("tags", List.of("request-id:4f1c-9e", "tenant:acme")),
				Map.entry("include_child_runs", List.of("true")), Map.entry("search_key", List.of("login_url")),
				Map.entry("error_code", List.of("LOGIN_FAILED")));
	}

	@Test
	void findWorkflowRunsEncodesTheWorkflowIdAsOnePathSegment() {
		wiremock.stubFor(get(anyUrl()).willReturn(json("[]")));
		this.client.findWorkflowRuns(WorkflowRunQuery.builder("wpid/../x?y").build(), 1, RequestOptions.none())
			.block();
		assertThat(onlyRequest().getUrl()).startsWith("/v1/agents/wpid%2F..%2Fx%3Fy/runs?");
	}

	@Test
	void findWorkflowRunsReadsWorkflowRunsIntoAPage() {
		answer("/v1/agents/wpid_1/runs", "[" + WORKFLOW_RUN + "]");
		RunPage<WorkflowRunSummary> page = this.client
			.findWorkflowRuns(WorkflowRunQuery.builder("wpid_1").build(), 1, RequestOptions.none())
			.block();
		assertThat(page.isLast()).isTrue();
		WorkflowRunSummary run = page.items().get(0);
		assertThat(run.runId()).isEqualTo("wr_7");
		assertThat(run.workflowId()).isEqualTo("wpid_1");
		assertThat(run.workflowVersionId()).isEqualTo("w_3");
		assertThat(run.status()).isSameAs(RunStatus.FAILED);
		assertThat(run.failureReason()).isEqualTo("Login failed");
		assertThat(run.webhookFailureReason()).isNull();
		assertThat(run.parentWorkflowRunId()).isEqualTo("wr_6");
		assertThat(run.workflowTitle()).isEqualTo("Invoices");
		assertThat(run.triggerType()).isEqualTo("scheduled");
		assertThat(run.createdAt()).isEqualTo(Instant.parse("2026-08-22T18:30:00Z"));
		assertThat(run.finishedAt()).isEqualTo(Instant.parse("2026-08-22T18:40:00Z"));
		assertThat(run.startedAt()).isNull();
	}

	@Test
	void findWorkflowRunsReportsATaggingRefusalAsForbiddenWithSkyvernsDetail() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/agents/wpid_1/runs")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Workflow tagging is not enabled for this organization.\"}")));
		Throwable failure = catchThrowable(() -> this.client
			.findWorkflowRuns(WorkflowRunQuery.builder("wpid_1").tag("k", "v").build(), 1, RequestOptions.none())
			.block());
		assertThat(failure).isInstanceOf(SkyvernAuthenticationException.class)
			.hasMessageContaining("tagging is not enabled");
		assertThat(((SkyvernAuthenticationException) failure).getOperation())
			.isEqualTo(SkyvernOperation.FIND_WORKFLOW_RUNS);
	}

	@Test
	void workflowRunQueryRefusesValuesSkyvernRejects() {
		Instant now = Instant.parse("2026-06-01T00:00:00Z");
		assertThatIllegalArgumentException().isThrownBy(() -> WorkflowRunQuery.builder(" ").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkflowRunQuery.builder("wpid_1").createdBetween(now, now).build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> WorkflowRunQuery.builder("wpid_1").searchKey("x".repeat(501)).build());
		assertThatIllegalArgumentException().isThrownBy(() -> WorkflowRunQuery.builder("wpid_1").pageSize(0).build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.client
			.findWorkflowRuns(WorkflowRunQuery.builder("wpid_1").build(), 0, RequestOptions.none()));
	}

	private static void answer(String path, String body) {
		wiremock.stubFor(get(urlPathEqualTo(path)).willReturn(json(body)));
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wiremock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/** The query string as the server decodes it, in order, with repeated names kept together. */
	private static Map<String, List<String>> queryParameters(LoggedRequest request) {
		String url = request.getUrl();
		Map<String, List<String>> parameters = new LinkedHashMap<>();
		for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
			int equals = pair.indexOf('=');
			parameters.computeIfAbsent(decode(pair.substring(0, equals)), (name) -> new ArrayList<>())
				.add(decode(pair.substring(equals + 1)));
		}
		return parameters;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

}
