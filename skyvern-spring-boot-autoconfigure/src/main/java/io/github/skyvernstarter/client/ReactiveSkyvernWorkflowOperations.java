package io.github.skyvernstarter.client;

import java.time.Duration;

import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Non-blocking operations on Skyvern workflow runs, implemented by
 * {@link ReactiveSkyvernWorkflowTemplate}: the same operations as {@link SkyvernWorkflowOperations},
 * returning a {@link Mono} that does its work when subscribed. Waiting holds no thread.
 *
 * @since 0.1.0
 */
public interface ReactiveSkyvernWorkflowOperations extends ReactiveSkyvernRunSupportOperations {

	/**
	 * Start a workflow run, and wait for its final status if the request asks to.
	 * @param request the run request
	 * @return the created run, or the finished run when waiting; errors with
	 * {@link SkyvernWaitTimeoutException} if waiting ran out of time (the run goes on), or another
	 * {@link SkyvernException}
	 */
	default Mono<SkyvernRun> runWorkflow(RunWorkflowRequest request) {
		return runWorkflow(request, RequestOptions.none());
	}

	/**
	 * Start a workflow run with options for this call, and wait for its final status if the request
	 * asks to.
	 * @param request the run request
	 * @param options options for this call
	 * @return the created run, or the finished run when waiting; errors with
	 * {@link SkyvernWaitTimeoutException} if waiting ran out of time (the run goes on), or another
	 * {@link SkyvernException}
	 */
	Mono<SkyvernRun> runWorkflow(RunWorkflowRequest request, RequestOptions options);

	/**
	 * Read a run.
	 * @param runId the run id
	 * @return the run; errors with {@link SkyvernNotFoundException} if there is no such run
	 */
	default Mono<SkyvernRun> getRun(String runId) {
		return getRun(runId, RequestOptions.none());
	}

	/**
	 * Read a run with options for this call.
	 * @param runId the run id
	 * @param options options for this call
	 * @return the run; errors with {@link SkyvernNotFoundException} if there is no such run
	 */
	Mono<SkyvernRun> getRun(String runId, RequestOptions options);

	/**
	 * Cancel a run. Skyvern re-sends the run's webhook afterwards.
	 * @param runId the run id
	 * @return completes when Skyvern accepted the cancellation
	 */
	default Mono<Void> cancelRun(String runId) {
		return cancelRun(runId, RequestOptions.none());
	}

	/**
	 * Cancel a run with options for this call.
	 * @param runId the run id
	 * @param options options for this call
	 * @return completes when Skyvern accepted the cancellation
	 */
	Mono<Void> cancelRun(String runId, RequestOptions options);

	/**
	 * Wait for a run's final status for at most {@code skyvern.wait-timeout}.
	 * @param runId the run id
	 * @return the finished run; errors with {@link SkyvernWaitTimeoutException} if the run did not
	 * finish in time (it goes on)
	 */
	default Mono<SkyvernRun> waitForCompletion(String runId) {
		return waitForCompletion(runId, null, RequestOptions.none());
	}

	/**
	 * Wait for a run's final status.
	 * @param runId the run id
	 * @param timeout the longest wait, or {@code null} for {@code skyvern.wait-timeout}
	 * @return the finished run; errors with {@link SkyvernWaitTimeoutException} if the run did not
	 * finish in time (it goes on)
	 */
	default Mono<SkyvernRun> waitForCompletion(String runId, @Nullable Duration timeout) {
		return waitForCompletion(runId, timeout, RequestOptions.none());
	}

	/**
	 * Wait for a run's final status, with options for each status call.
	 * @param runId the run id
	 * @param timeout the longest wait, or {@code null} for {@code skyvern.wait-timeout}
	 * @param options options for each status call
	 * @return the finished run; errors with {@link SkyvernWaitTimeoutException} if the run did not
	 * finish in time (it goes on)
	 */
	Mono<SkyvernRun> waitForCompletion(String runId, @Nullable Duration timeout, RequestOptions options);

	/**
	 * Ask Skyvern to re-deliver a finished run's webhook to the run's own webhook URL.
	 * @param runId the run id
	 * @return what Skyvern sent and what came back
	 */
	default Mono<RetryWebhookResult> retryRunWebhook(String runId) {
		return retryRunWebhook(runId, null, RequestOptions.none());
	}

	/**
	 * Ask Skyvern to re-deliver a finished run's webhook.
	 * @param runId the run id
	 * @param webhookUrl where to deliver it, or {@code null} for the run's own webhook URL
	 * @return what Skyvern sent and what came back
	 */
	default Mono<RetryWebhookResult> retryRunWebhook(String runId, @Nullable String webhookUrl) {
		return retryRunWebhook(runId, webhookUrl, RequestOptions.none());
	}

	/**
	 * Ask Skyvern to re-deliver a finished run's webhook, with options for this call.
	 * @param runId the run id
	 * @param webhookUrl where to deliver it, or {@code null} for the run's own webhook URL
	 * @param options options for this call
	 * @return what Skyvern sent and what came back
	 */
	Mono<RetryWebhookResult> retryRunWebhook(String runId, @Nullable String webhookUrl, RequestOptions options);

	// Finding runs

	/**
	 * Find runs of the organization (task runs and top-level workflow runs), newest first.
	 * @param query the filters and page size
	 * @param maxResults the most runs to return, at least 1
	 * @return the runs, newest first, fetched page by page as they are consumed
	 */
	default Flux<RunSummary> findRuns(RunQuery query, int maxResults) {
		return findRuns(query, maxResults, RequestOptions.none());
	}

	/**
	 * Find runs of the organization, newest first, with options for each page's call.
	 * @param query the filters and page size
	 * @param maxResults the most runs to return, at least 1
	 * @param options options for each page's call
	 * @return the runs, newest first, fetched page by page as they are consumed
	 */
	Flux<RunSummary> findRuns(RunQuery query, int maxResults, RequestOptions options);

	/**
	 * Read one page of the organization's runs, newest first.
	 * @param query the filters and page size
	 * @param page the page number, 1 to 100
	 * @return the page
	 */
	default Mono<RunPage<RunSummary>> findRunsPage(RunQuery query, int page) {
		return findRunsPage(query, page, RequestOptions.none());
	}

	/**
	 * Read one page of the organization's runs, newest first, with options for this call.
	 * @param query the filters and page size
	 * @param page the page number, 1 to 100
	 * @param options options for this call
	 * @return the page
	 */
	Mono<RunPage<RunSummary>> findRunsPage(RunQuery query, int page, RequestOptions options);

	/**
	 * Find runs of one workflow, newest first.
	 * @param query the workflow, filters and page size
	 * @param maxResults the most runs to return, at least 1
	 * @return the runs, newest first, fetched page by page as they are consumed
	 */
	default Flux<WorkflowRunSummary> findWorkflowRuns(WorkflowRunQuery query, int maxResults) {
		return findWorkflowRuns(query, maxResults, RequestOptions.none());
	}

	/**
	 * Find runs of one workflow, newest first, with options for each page's call.
	 * @param query the workflow, filters and page size
	 * @param maxResults the most runs to return, at least 1
	 * @param options options for each page's call
	 * @return the runs, newest first, fetched page by page as they are consumed
	 */
	Flux<WorkflowRunSummary> findWorkflowRuns(WorkflowRunQuery query, int maxResults, RequestOptions options);

	/**
	 * Read one page of a workflow's runs, newest first.
	 * @param query the workflow, filters and page size
	 * @param page the page number, from 1
	 * @return the page
	 */
	default Mono<RunPage<WorkflowRunSummary>> findWorkflowRunsPage(WorkflowRunQuery query, int page) {
		return findWorkflowRunsPage(query, page, RequestOptions.none());
	}

	/**
	 * Read one page of a workflow's runs, newest first, with options for this call.
	 * @param query the workflow, filters and page size
	 * @param page the page number, from 1
	 * @param options options for this call
	 * @return the page
	 */
	Mono<RunPage<WorkflowRunSummary>> findWorkflowRunsPage(WorkflowRunQuery query, int page, RequestOptions options);

	// Running tasks

	/**
	 * Start a single task run, and wait for its final status if the request asks to.
	 * @param request the task request
	 * @return the created run, or the finished run when waiting
	 */
	default Mono<SkyvernRun> runTask(TaskRunRequest request) {
		return runTask(request, RequestOptions.none());
	}

	/**
	 * Start a single task run with options for this call, and wait for its final status if the request
	 * asks to. A start that fails ambiguously is never sent again.
	 * @param request the task request
	 * @param options options for this call
	 * @return the created run, or the finished run when waiting
	 */
	Mono<SkyvernRun> runTask(TaskRunRequest request, RequestOptions options);

}
