package io.github.skyvernstarter.client;

import java.util.Collection;
import java.util.List;

import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The operations of {@link ReactiveSkyvernWorkflowTemplate} beyond starting, reading and waiting
 * for workflow runs: task runs, run listings, and what a run produced. Each delegates to the class
 * that does the work, so that the template keeps to the run path.
 */
abstract class ReactiveSupportOperations implements ReactiveSkyvernWorkflowOperations {

	private final SkyvernApiClient client;

	private final ReactiveRunSupport support;

	private final TaskRunStarter taskRuns;

	ReactiveSupportOperations(SkyvernApiClient client, ReactiveRunSupport support, TaskRunStarter taskRuns) {
		this.client = client;
		this.support = support;
		this.taskRuns = taskRuns;
	}

	@Override
	public Flux<RunSummary> findRuns(RunQuery query, int maxResults, RequestOptions options) {
		return RunPaging.<RunSummary>of(query.pageSize(), maxResults, query::isPageable)
			.flux((page) -> findRunsPage(query, page, options));
	}

	@Override
	public Mono<RunPage<RunSummary>> findRunsPage(RunQuery query, int page, RequestOptions options) {
		return this.client.findRuns(query, page, options);
	}

	@Override
	public Flux<WorkflowRunSummary> findWorkflowRuns(WorkflowRunQuery query, int maxResults, RequestOptions options) {
		return RunPaging.<WorkflowRunSummary>of(query.pageSize(), maxResults, (page) -> true)
			.flux((page) -> findWorkflowRunsPage(query, page, options));
	}

	@Override
	public Mono<RunPage<WorkflowRunSummary>> findWorkflowRunsPage(WorkflowRunQuery query, int page,
			RequestOptions options) {
		return this.client.findWorkflowRuns(query, page, options);
	}

	@Override
	public Mono<SkyvernRun> runTask(TaskRunRequest request, RequestOptions options) {
		return this.taskRuns.start(request, options);
	}

	@Override
	public Mono<List<RunTimelineEntry>> getRunTimeline(String runId, RequestOptions options) {
		return this.support.getRunTimeline(runId, options);
	}

	@Override
	public Mono<List<Artifact>> getRunArtifacts(String runId, Collection<ArtifactType> types,
			RequestOptions options) {
		return this.support.getRunArtifacts(runId, types, options);
	}

	@Override
	public Mono<SkyvernRun> retryRun(RetryRunRequest request, RequestOptions options) {
		return this.support.retryRun(request, options);
	}

	@Override
	public Mono<CancelRunsResult> cancelRuns(Collection<String> runIds, RequestOptions options) {
		return this.support.cancelRuns(runIds, options);
	}

	@Override
	public Mono<Workflow> getWorkflow(String workflowId, @Nullable Integer version, RequestOptions options) {
		return this.support.getWorkflow(workflowId, version, options);
	}

	@Override
	public Mono<List<Workflow>> listWorkflows(ListWorkflowsRequest request, RequestOptions options) {
		return this.support.listWorkflows(request, options);
	}

	@Override
	public Mono<SentVerificationCode> sendVerificationCode(VerificationCodeRequest request,
			RequestOptions options) {
		return this.support.sendVerificationCode(request, options);
	}

}
