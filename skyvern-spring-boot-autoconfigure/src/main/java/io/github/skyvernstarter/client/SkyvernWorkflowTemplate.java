package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Blocking {@link SkyvernWorkflowOperations}: runs, reads, cancels and waits for Skyvern workflow
 * runs. Each method does the work of the {@link ReactiveSkyvernWorkflowOperations} method of the
 * same name and blocks only the caller's thread until it is done.
 * <p>
 * Auto-configured by the starter; inject it and call {@link #runWorkflow(RunWorkflowRequest)}.
 * Calling it from a Reactor non-blocking thread fails fast: use {@link #reactive()} there.
 *
 * @since 0.1.0
 */
public final class SkyvernWorkflowTemplate implements SkyvernWorkflowOperations {

	private final ReactiveSkyvernWorkflowOperations reactive;

	/**
	 * Create a template that blocks on the given non-blocking operations.
	 * @param reactive the non-blocking operations
	 */
	public SkyvernWorkflowTemplate(ReactiveSkyvernWorkflowOperations reactive) {
		this.reactive = reactive;
	}

	/**
	 * Return the non-blocking face of the same operations.
	 * @return the reactive operations
	 */
	public ReactiveSkyvernWorkflowOperations reactive() {
		return this.reactive;
	}

	@Override
	public SkyvernRun runWorkflow(RunWorkflowRequest request, RequestOptions options) {
		return block(this.reactive.runWorkflow(request, options));
	}

	@Override
	public SkyvernRun getRun(String runId, RequestOptions options) {
		return block(this.reactive.getRun(runId, options));
	}

	@Override
	public void cancelRun(String runId, RequestOptions options) {
		Blocking.block(this.reactive.cancelRun(runId, options));
	}

	@Override
	public SkyvernRun waitForCompletion(String runId, @Nullable Duration timeout, RequestOptions options) {
		return block(this.reactive.waitForCompletion(runId, timeout, options));
	}

	@Override
	public RetryWebhookResult retryRunWebhook(String runId, @Nullable String webhookUrl, RequestOptions options) {
		return block(this.reactive.retryRunWebhook(runId, webhookUrl, options));
	}

	@Override
	public List<RunTimelineEntry> getRunTimeline(String runId, RequestOptions options) {
		return block(this.reactive.getRunTimeline(runId, options));
	}

	@Override
	public List<Artifact> getRunArtifacts(String runId, Collection<ArtifactType> types, RequestOptions options) {
		return block(this.reactive.getRunArtifacts(runId, types, options));
	}

	@Override
	public SkyvernRun retryRun(RetryRunRequest request, RequestOptions options) {
		return block(this.reactive.retryRun(request, options));
	}

	@Override
	public CancelRunsResult cancelRuns(Collection<String> runIds, RequestOptions options) {
		return block(this.reactive.cancelRuns(runIds, options));
	}

	@Override
	public Workflow getWorkflow(String workflowId, @Nullable Integer version, RequestOptions options) {
		return block(this.reactive.getWorkflow(workflowId, version, options));
	}

	@Override
	public List<Workflow> listWorkflows(ListWorkflowsRequest request, RequestOptions options) {
		return block(this.reactive.listWorkflows(request, options));
	}

	@Override
	public SentVerificationCode sendVerificationCode(VerificationCodeRequest request, RequestOptions options) {
		return block(this.reactive.sendVerificationCode(request, options));
	}

	// Finding runs: the paging is RunPaging's.

	@Override
	public Stream<RunSummary> findRuns(RunQuery query, int maxResults, RequestOptions options) {
		return RunPaging.<RunSummary>of(query.pageSize(), maxResults, query::isPageable)
			.stream((page) -> findRunsPage(query, page, options));
	}

	@Override
	public RunPage<RunSummary> findRunsPage(RunQuery query, int page, RequestOptions options) {
		return block(this.reactive.findRunsPage(query, page, options));
	}

	@Override
	public Stream<WorkflowRunSummary> findWorkflowRuns(WorkflowRunQuery query, int maxResults,
			RequestOptions options) {
		return RunPaging.<WorkflowRunSummary>of(query.pageSize(), maxResults, (page) -> true)
			.stream((page) -> findWorkflowRunsPage(query, page, options));
	}

	@Override
	public RunPage<WorkflowRunSummary> findWorkflowRunsPage(WorkflowRunQuery query, int page,
			RequestOptions options) {
		return block(this.reactive.findWorkflowRunsPage(query, page, options));
	}

	@Override
	public SkyvernRun runTask(TaskRunRequest request, RequestOptions options) {
		return block(this.reactive.runTask(request, options));
	}

	private static <T> T block(Mono<T> mono) {
		// Every operation ends in a time limit of its own (response timeout, wait timeout).
		T result = Blocking.block(mono);
		if (result == null) {
			throw new IllegalStateException("Skyvern call completed without a result");
		}
		return result;
	}

}
