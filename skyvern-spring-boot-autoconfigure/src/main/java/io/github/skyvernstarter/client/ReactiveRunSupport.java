package io.github.skyvernstarter.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveSkyvernRunSupportOperations} of {@link ReactiveSkyvernWorkflowTemplate}: each call
 * wrapped by the {@link SkyvernInstrumentation}, a retried run waited for like a started one, and a
 * bulk cancel split into the batches Skyvern accepts.
 */
final class ReactiveRunSupport implements ReactiveSkyvernRunSupportOperations {

	/** The most run ids Skyvern takes in one bulk cancel (more is a 422). */
	static final int MAX_CANCEL_BATCH = 100;

	private final SupportCalls calls;

	private final SkyvernInstrumentation instrumentation;

	private final RunWaiter waiter;

	ReactiveRunSupport(SkyvernApiClient client, SkyvernInstrumentation instrumentation, RunWaiter waiter) {
		this.calls = new SupportCalls(client);
		this.instrumentation = instrumentation;
		this.waiter = waiter;
	}

	@Override
	public Mono<List<RunTimelineEntry>> getRunTimeline(String runId, RequestOptions options) {
		return this.instrumentation.operation(SkyvernOperation.GET_RUN_TIMELINE, runId,
				Mono.defer(() -> this.calls.timeline(runId, options)));
	}

	@Override
	public Mono<List<Artifact>> getRunArtifacts(String runId, Collection<ArtifactType> types,
			RequestOptions options) {
		List<ArtifactType> distinct = List.copyOf(new LinkedHashSet<>(types));
		return this.instrumentation.operation(SkyvernOperation.GET_RUN_ARTIFACTS, runId,
				Mono.defer(() -> this.calls.artifacts(runId, distinct, options)));
	}

	@Override
	public Mono<SkyvernRun> retryRun(RetryRunRequest request, RequestOptions options) {
		Mono<SkyvernRun> started = this.instrumentation.operation(SkyvernOperation.RETRY_RUN, request.runId(),
				Mono.defer(() -> this.calls.retry(request, options)));
		if (!request.waitForCompletion()) {
			return started;
		}
		// The new run keeps the original's webhook URL; its echo decides how often the wait polls.
		return started.onTerminateDetach()
			.flatMap((run) -> this.waiter.afterStart(run, run.workflowId(), RunWaiter.echoedWebhookUrl(run),
					request.waitTimeout(), options));
	}

	@Override
	public Mono<CancelRunsResult> cancelRuns(Collection<String> runIds, RequestOptions options) {
		List<String> distinct = List.copyOf(new LinkedHashSet<>(runIds));
		if (distinct.isEmpty()) {
			return Mono.just(new CancelRunsResult(List.of(), List.of()));
		}
		List<List<String>> batches = new ArrayList<>();
		for (int start = 0; start < distinct.size(); start += MAX_CANCEL_BATCH) {
			batches.add(distinct.subList(start, Math.min(distinct.size(), start + MAX_CANCEL_BATCH)));
		}
		Mono<CancelRunsResult> all = Flux.fromIterable(batches)
			.concatMap((batch) -> this.calls.cancel(batch, options))
			.reduce(ReactiveRunSupport::merge);
		return this.instrumentation.operation(SkyvernOperation.CANCEL_RUNS, null, all);
	}

	private static CancelRunsResult merge(CancelRunsResult first, CancelRunsResult second) {
		List<String> cancelled = new ArrayList<>(first.cancelled());
		cancelled.addAll(second.cancelled());
		List<String> failed = new ArrayList<>(first.failed());
		failed.addAll(second.failed());
		return new CancelRunsResult(cancelled, failed);
	}

	@Override
	public Mono<Workflow> getWorkflow(String workflowId, @Nullable Integer version, RequestOptions options) {
		return this.instrumentation.operation(SkyvernOperation.GET_WORKFLOW, null,
				Mono.defer(() -> this.calls.workflow(workflowId, version, options)));
	}

	@Override
	public Mono<List<Workflow>> listWorkflows(ListWorkflowsRequest request, RequestOptions options) {
		return this.instrumentation.operation(SkyvernOperation.LIST_WORKFLOWS, null,
				Mono.defer(() -> this.calls.workflows(request, options)));
	}

	@Override
	public Mono<SentVerificationCode> sendVerificationCode(VerificationCodeRequest request,
			RequestOptions options) {
		return this.instrumentation.operation(SkyvernOperation.SEND_VERIFICATION_CODE, request.workflowRunId(),
				Mono.defer(() -> this.calls.sendCode(request, options)));
	}

}
