package io.github.skyvernstarter.client;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.model.RunTags;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * Starts workflow runs exactly once, as far as Skyvern lets a client know: each start carries a client
 * request id in {@code run_metadata}, which Skyvern writes as a run tag before it answers. When a start
 * fails ambiguously, {@link RunStartLookup} looks the id up with
 * {@code GET /v1/agents/{workflowId}/runs?tags=key:id} and sends the start again only if no run carries it.
 */
final class ExactlyOnceRunStarter {

	private static final Log logger = LogFactory.getLog(ReactiveSkyvernWorkflowTemplate.class);

	private final SkyvernApiClient client;

	private final RunStartSettings settings;

	private final RunStartLookup lookup;

	private final Supplier<String> requestIds;

	ExactlyOnceRunStarter(SkyvernApiClient client, RunStartSettings settings, RunStartLookup lookup) {
		this(client, settings, lookup, () -> UUID.randomUUID().toString());
	}

	ExactlyOnceRunStarter(SkyvernApiClient client, RunStartSettings settings, RunStartLookup lookup,
			Supplier<String> requestIds) {
		this.client = client;
		this.settings = settings;
		this.lookup = lookup;
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
			return this.lookup.send(new WorkflowStart(tagged, requestId, options), options);
		});
	}

	/**
	 * A workflow run start, looked up by its {@code run_metadata} tag among the workflow's runs.
	 */
	private final class WorkflowStart implements RunStartLookup.Start {

		private final RunWorkflowRequest request;

		private final String requestId;

		private final RequestOptions options;

		WorkflowStart(RunWorkflowRequest request, String requestId, RequestOptions options) {
			this.request = request;
			this.requestId = requestId;
			this.options = options;
		}

		@Override
		public String description() {
			return "workflow " + this.request.workflowId();
		}

		@Override
		public String requestId() {
			return this.requestId;
		}

		@Override
		public Mono<SkyvernRun> send() {
			return ExactlyOnceRunStarter.this.client.runWorkflow(this.request, this.options);
		}

		@Override
		public Mono<List<String>> lookUp() {
			WorkflowRunQuery query = WorkflowRunQuery.builder(this.request.workflowId())
				.tag(ExactlyOnceRunStarter.this.settings.requestIdKey(), this.requestId)
				.includeChildRuns(true)
				.build();
			return ExactlyOnceRunStarter.this.client.findWorkflowRuns(query, 1, this.options)
				.map((runs) -> runs.items().stream().map(WorkflowRunSummary::runId).toList());
		}

		@Override
		public SkyvernRunStartUnknownException unknown(Throwable startFailure, Throwable lookupFailure) {
			return new SkyvernRunStartUnknownException(this.request.workflowId(),
					ExactlyOnceRunStarter.this.settings.requestIdKey(), this.requestId, startFailure, lookupFailure);
		}

	}

}
