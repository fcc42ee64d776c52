package io.github.skyvernstarter.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Starts task runs for {@link ReactiveSkyvernWorkflowTemplate}: fills a missing {@code webhook_url}
 * with the receiver's, observes the start like a workflow run start (as workflow {@code task}), tells
 * the {@link SkyvernRunStartListener}s (the run registry records it as in flight), and waits like a
 * workflow run when the request asks to.
 * <p>
 * Tasks carry no {@code run_metadata}, so a task start that is to be looked up carries its client
 * request id in its title instead, as a token such as {@code [client-request-id:3f2a...]} after the
 * caller's title. Only 1.0-family engines keep the title ({@code skyvern-2.0}, which
 * {@code publish_workflow} forces, ignores it): their ambiguous failures are resolved by
 * {@link RunStartLookup} with {@code GET /v1/runs?search_key=token}, taking only runs whose title contains
 * the token. Any other task start that fails ambiguously is never sent again.
 */
final class TaskRunStarter {

	/** What task runs are observed as, in place of a workflow id. */
	static final String TASK = "task";

	/** The engine that ignores {@code title}. */
	static final String ENGINE_2_0 = "skyvern-2.0";

	private static final String TITLE = "title";

	private static final Log logger = LogFactory.getLog(TaskRunStarter.class);

	private final SkyvernApiClient client;

	private final RunWaiter waiter;

	private final SkyvernInstrumentation instrumentation;

	private final @Nullable String webhookUrl;

	private final RunStartListeners startListeners;

	private final RunStartSettings settings;

	private final RunStartLookup lookup;

	private final Supplier<String> requestIds;

	TaskRunStarter(SkyvernApiClient client, RunWaiter waiter, SkyvernInstrumentation instrumentation,
			@Nullable String webhookUrl, RunStartListeners startListeners, RunStartSettings settings,
			RunStartLookup lookup) {
		this(client, waiter, instrumentation, webhookUrl, startListeners, settings, lookup,
				() -> UUID.randomUUID().toString());
	}

	TaskRunStarter(SkyvernApiClient client, RunWaiter waiter, SkyvernInstrumentation instrumentation,
			@Nullable String webhookUrl, RunStartListeners startListeners, RunStartSettings settings,
			RunStartLookup lookup, Supplier<String> requestIds) {
		this.client = client;
		this.waiter = waiter;
		this.instrumentation = instrumentation;
		this.webhookUrl = webhookUrl;
		this.startListeners = startListeners;
		this.settings = settings;
		this.lookup = lookup;
		this.requestIds = requestIds;
	}

	Mono<SkyvernRun> start(TaskRunRequest request, RequestOptions options) {
		return Mono.defer(() -> {
			TaskRunRequest toSend = (request.webhookUrl() == null && this.webhookUrl != null)
					? request.withWebhookUrl(this.webhookUrl) : request;
			Mono<SkyvernRun> started = this.startListeners.afterStart(this.instrumentation.run(TASK, send(toSend, options)),
					toSend);
			if (!toSend.waitForCompletion()) {
				return started;
			}
			// Detached, as for workflow runs: a long wait does not keep the finished POST exchange reachable.
			return started.onTerminateDetach()
				.flatMap((run) -> this.waiter.afterStart(run, TASK, toSend.webhookUrl(), toSend.waitTimeout(),
						options));
		});
	}

	private Mono<SkyvernRun> send(TaskRunRequest request, RequestOptions options) {
		if (!this.settings.exactlyOnce() || !this.settings.taskTitleToken() || !keepsTitle(request, options)) {
			// No token Skyvern would keep: an ambiguous failure surfaces as it is, never sent again.
			return this.client.runTask(request, options);
		}
		String requestId = this.requestIds.get();
		String token = this.settings.titleToken(requestId);
		return this.lookup.send(new TaskStart(withToken(request, token), requestId, token, options), options);
	}

	/**
	 * Whether Skyvern keeps the title this request sends: a 1.0-family engine (every engine but
	 * {@code skyvern-2.0}; none is {@code skyvern-1.0}), no {@code publish_workflow} (it forces 2.0), and
	 * no {@code title} in the call's options, which would replace the token.
	 */
	static boolean keepsTitle(TaskRunRequest request, RequestOptions options) {
		Map<String, @Nullable Object> overrides = options.getBodyParameters();
		if (overrides.containsKey(TITLE)) {
			return false;
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>(request.fields());
		body.putAll(overrides);
		Object engine = body.get("engine");
		boolean oneFamily = (engine == null) || (engine instanceof String name && !name.strip().equals(ENGINE_2_0));
		return oneFamily && !Boolean.TRUE.equals(body.get("publish_workflow"));
	}

	/**
	 * Return the request with the token after its title (readable in Skyvern's run list), or the token
	 * as its title when it has none.
	 */
	private static TaskRunRequest withToken(TaskRunRequest request, String token) {
		Map<String, Object> fields = new LinkedHashMap<>(request.fields());
		String title = (fields.get(TITLE) instanceof String own && !own.isBlank()) ? own.strip() + " " + token : token;
		fields.put(TITLE, title);
		return new TaskRunRequest(request.prompt(), fields, request.userAgent(), request.waitForCompletion(),
				request.waitTimeout());
	}

	/**
	 * A task start, looked up among all runs by its title token. {@code search_key} matches parts of titles,
	 * URLs, ids and parameter values, without regard to case: only runs whose title contains the exact token
	 * count. No {@code run_type} filter: the cloud may run a 1.0 task as {@code task_v3}.
	 */
	private final class TaskStart implements RunStartLookup.Start {

		private final TaskRunRequest request;

		private final String requestId;

		private final String token;

		private final RequestOptions options;

		TaskStart(TaskRunRequest request, String requestId, String token, RequestOptions options) {
			this.request = request;
			this.requestId = requestId;
			this.token = token;
			this.options = options;
		}

		@Override
		public String description() {
			return TASK;
		}

		@Override
		public String requestId() {
			return this.requestId;
		}

		@Override
		public Mono<SkyvernRun> send() {
			return TaskRunStarter.this.client.runTask(this.request, this.options);
		}

		@Override
		public Mono<List<String>> lookUp() {
			RunQuery query = RunQuery.builder().searchKey(this.token).pageSize(RunQuery.MAX_PAGE).build();
			return TaskRunStarter.this.client.findRuns(query, 1, this.options).map((runs) -> {
				List<String> found = runs.items()
					.stream()
					.filter((run) -> run.title() != null && Objects.requireNonNull(run.title()).contains(this.token))
					.map(RunSummary::runId)
					.toList();
				if (found.size() < runs.items().size() && logger.isDebugEnabled()) {
					logger.debug("Looking up task title token " + this.token + " matched "
							+ (runs.items().size() - found.size()) + " run(s) without it in their title: ignored");
				}
				return found;
			});
		}

		@Override
		public SkyvernRunStartUnknownException unknown(Throwable startFailure, Throwable lookupFailure) {
			return SkyvernRunStartUnknownException.forTask(this.token, TaskRunStarter.this.settings.requestIdKey(),
					this.requestId, startFailure, lookupFailure);
		}

	}

}
