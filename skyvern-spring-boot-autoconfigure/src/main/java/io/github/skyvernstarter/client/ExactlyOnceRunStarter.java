package io.github.skyvernstarter.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunTags;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Starts workflow runs exactly once, as far as Skyvern lets a client know: each start carries a client
 * request id in {@code run_metadata}, which Skyvern writes as a run tag before it answers. When a start
 * fails ambiguously (a 5xx, a 408, a response timeout, a connection lost after sending), this waits the
 * grace period, looks the id up with {@code GET /v1/agents/{workflowId}/runs?tags=key:id}, returns the
 * run it finds, and sends the start again (with the same id) only if the lookup shows no run. A lookup
 * that fails ends in a {@link SkyvernRunStartUnknownException} carrying the id.
 * <p>
 * The residual race: a start still being processed by Skyvern when the lookup runs is not found yet, and
 * is sent again; the grace period makes this unlikely, not impossible.
 */
final class ExactlyOnceRunStarter {

	/** The most times one call sends a start again after lookups that found no run. */
	static final int MAX_RESENDS = 2;

	private static final Log logger = LogFactory.getLog(ReactiveSkyvernWorkflowTemplate.class);

	private final SkyvernApiClient client;

	private final RunStartSettings settings;

	private final Scheduler timer;

	private final Supplier<String> requestIds;

	ExactlyOnceRunStarter(SkyvernApiClient client, RunStartSettings settings, Scheduler timer) {
		this(client, settings, timer, () -> UUID.randomUUID().toString());
	}

	ExactlyOnceRunStarter(SkyvernApiClient client, RunStartSettings settings, Scheduler timer,
			Supplier<String> requestIds) {
		this.client = client;
		this.settings = settings;
		this.timer = timer;
		this.requestIds = requestIds;
	}

	Mono<SkyvernRun> start(RunWorkflowRequest request, RequestOptions options) {
		if (!this.settings.exactlyOnce()) {
			return this.client.runWorkflow(request, options);
		}
		return Mono.defer(() -> {
			String key = this.settings.requestIdKey();
			String ownId = request.runMetadata().get(key);
			if (ownId == null && request.runMetadata().size() >= RunTags.MAX_ENTRIES) {
				if (logger.isDebugEnabled()) {
					logger.debug("Run start of workflow " + request.workflowId() + " carries no client request id: its "
							+ "run_metadata already holds " + RunTags.MAX_ENTRIES + " entries, so an ambiguous failure "
							+ "cannot be looked up");
				}
				return this.client.runWorkflow(request, options);
			}
			// A request id the caller put under the key is kept: it lets them look the start up themselves.
			String requestId = (ownId != null) ? ownId : this.requestIds.get();
			RunWorkflowRequest tagged = (ownId != null) ? request
					: request.toBuilder().runMetadata(Map.of(key, requestId)).build();
			return send(tagged, requestId, options, 0);
		});
	}

	private Mono<SkyvernRun> send(RunWorkflowRequest request, String requestId, RequestOptions options,
			int resends) {
		return this.client.runWorkflow(request, options)
			.onErrorResume(ExactlyOnceRunStarter::isAmbiguous, (failure) -> Mono.delay(this.settings.gracePeriod(),
					this.timer)
				.then(lookUp(request.workflowId(), requestId, options))
				.onErrorMap((lookupFailure) -> new SkyvernRunStartUnknownException(request.workflowId(),
						this.settings.requestIdKey(), requestId, failure, lookupFailure))
				.flatMap((runs) -> found(request, requestId, runs, failure, options))
				.switchIfEmpty(Mono.defer(() -> sendAgain(request, requestId, options, resends, failure))));
	}

	private Mono<RunPage<WorkflowRunSummary>> lookUp(String workflowId, String requestId, RequestOptions options) {
		WorkflowRunQuery query = WorkflowRunQuery.builder(workflowId)
			.tag(this.settings.requestIdKey(), requestId)
			.includeChildRuns(true)
			.build();
		return this.client.findWorkflowRuns(query, 1, options);
	}

	private Mono<SkyvernRun> found(RunWorkflowRequest request, String requestId, RunPage<WorkflowRunSummary> runs,
			Throwable failure, RequestOptions options) {
		List<WorkflowRunSummary> items = runs.items();
		if (items.isEmpty()) {
			return Mono.empty();
		}
		// Newest first: the oldest run is the one the first send created.
		WorkflowRunSummary run = items.get(items.size() - 1);
		if (items.size() > 1) {
			logger.warn(items.size() + " runs of workflow " + request.workflowId() + " carry client request id "
					+ requestId + " (a start was sent again while Skyvern still processed the first): returning "
					+ run.runId());
		}
		else {
			logger.info("Run start of workflow " + request.workflowId() + " failed (" + SkyvernRunStartUnknownException.withoutHint(failure)
					+ "), but run " + run.runId() + " carries its client request id " + requestId + ": using it");
		}
		return this.client.getRun(run.runId(), options);
	}

	private Mono<SkyvernRun> sendAgain(RunWorkflowRequest request, String requestId, RequestOptions options,
			int resends, Throwable failure) {
		if (resends >= MAX_RESENDS) {
			return Mono.error(failure);
		}
		logger.warn("Run start of workflow " + request.workflowId() + " failed (" + SkyvernRunStartUnknownException.withoutHint(failure)
				+ ") and no run carries its client request id " + requestId + ": sending it again");
		return send(request, requestId, options, resends + 1);
	}

	/**
	 * Whether the failure leaves the run's existence unknown: the request may have reached Skyvern and
	 * no answer says what it did. A 408 counts too: it can come from a proxy after Skyvern got the
	 * request.
	 */
	static boolean isAmbiguous(Throwable failure) {
		return failure instanceof SkyvernException ex && (ex.runMayHaveBeenCreated()
				|| (failure instanceof SkyvernApiException api && api.getStatusCode() == 408));
	}

}
