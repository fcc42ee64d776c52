package io.github.skyvernstarter.client;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.Workflow;
import org.jspecify.annotations.Nullable;

/**
 * Blocking operations around runs: why a run did what it did (timeline, artifacts), running it again,
 * cancelling many, reading workflows and pushing 2FA codes. Part of {@link SkyvernWorkflowOperations};
 * the non-blocking face is {@link ReactiveSkyvernRunSupportOperations}.
 *
 * @since 0.1.0
 */
public interface SkyvernRunSupportOperations {

	/**
	 * Read a run's timeline of blocks and agent thoughts, newest first (workflow runs and 2.0 tasks).
	 * @param runId the run id
	 * @return the timeline
	 * @throws SkyvernBadRequestException for a 1.0 task
	 * @throws SkyvernNotFoundException for an unknown run
	 */
	default List<RunTimelineEntry> getRunTimeline(String runId) {
		return getRunTimeline(runId, RequestOptions.none());
	}

	/**
	 * Read a run's timeline with options for this call.
	 * @param runId the run id
	 * @param options options for this call
	 * @return the timeline, newest first
	 */
	List<RunTimelineEntry> getRunTimeline(String runId, RequestOptions options);

	/**
	 * List a run's artifacts, oldest first; an unknown run has none.
	 * @param runId the run id
	 * @param types only artifacts of these types; none for all
	 * @return the artifacts
	 */
	default List<Artifact> getRunArtifacts(String runId, ArtifactType... types) {
		return getRunArtifacts(runId, Arrays.asList(types), RequestOptions.none());
	}

	/**
	 * List a run's artifacts with options for this call.
	 * @param runId the run id
	 * @param types only artifacts of these types; empty for all
	 * @param options options for this call
	 * @return the artifacts, oldest first
	 */
	List<Artifact> getRunArtifacts(String runId, Collection<ArtifactType> types, RequestOptions options);

	/**
	 * Run a finished workflow run again, without waiting: a new run of the same workflow version with
	 * the stored parameters. Like a run start, it is never sent twice when it may have reached Skyvern.
	 * @param runId the finished workflow run
	 * @return the new run
	 */
	default SkyvernRun retryRun(String runId) {
		return retryRun(RetryRunRequest.of(runId), RequestOptions.none());
	}

	/**
	 * Run a finished workflow run again, and wait for the new run's final status if the request asks
	 * to.
	 * @param request the retry request
	 * @param options options for this call (and for the polls of a wait)
	 * @return the new run, or the finished new run when waiting
	 */
	SkyvernRun retryRun(RetryRunRequest request, RequestOptions options);

	/**
	 * Cancel several runs; more than Skyvern takes at once are sent in several calls.
	 * @param runIds the runs to cancel (duplicates are sent once)
	 * @return which runs were cancelled and which were not
	 */
	default CancelRunsResult cancelRuns(Collection<String> runIds) {
		return cancelRuns(runIds, RequestOptions.none());
	}

	/**
	 * Cancel several runs with options for each call.
	 * @param runIds the runs to cancel
	 * @param options options for each call
	 * @return which runs were cancelled and which were not
	 */
	CancelRunsResult cancelRuns(Collection<String> runIds, RequestOptions options);

	/**
	 * Read the latest version of a workflow.
	 * @param workflowId the workflow's permanent id ({@code wpid_...})
	 * @return the workflow
	 * @throws SkyvernNotFoundException if the workflow is unknown or deleted
	 */
	default Workflow getWorkflow(String workflowId) {
		return getWorkflow(workflowId, null, RequestOptions.none());
	}

	/**
	 * Read a version of a workflow with options for this call.
	 * @param workflowId the workflow's permanent id ({@code wpid_...})
	 * @param version the version, or {@code null} for the latest
	 * @param options options for this call
	 * @return the workflow
	 */
	Workflow getWorkflow(String workflowId, @Nullable Integer version, RequestOptions options);

	/**
	 * List one page of workflows (the latest version of each), most recently saved first.
	 * @param request which page and which workflows
	 * @return the workflows; a page shorter than the page size is the last
	 */
	default List<Workflow> listWorkflows(ListWorkflowsRequest request) {
		return listWorkflows(request, RequestOptions.none());
	}

	/**
	 * List one page of workflows with options for this call.
	 * @param request which page and which workflows
	 * @param options options for this call
	 * @return the workflows
	 */
	List<Workflow> listWorkflows(ListWorkflowsRequest request, RequestOptions options);

	/**
	 * Push a 2FA verification code for runs started with its {@code totp_identifier}.
	 * @param request the code and what it is for
	 * @return what Skyvern stored; {@link SentVerificationCode#isPending()} when it found no code
	 */
	default SentVerificationCode sendVerificationCode(VerificationCodeRequest request) {
		return sendVerificationCode(request, RequestOptions.none());
	}

	/**
	 * Push a 2FA verification code with options for this call.
	 * @param request the code and what it is for
	 * @param options options for this call
	 * @return what Skyvern stored
	 */
	SentVerificationCode sendVerificationCode(VerificationCodeRequest request, RequestOptions options);

}
