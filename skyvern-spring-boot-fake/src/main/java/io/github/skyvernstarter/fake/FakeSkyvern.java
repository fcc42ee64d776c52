package io.github.skyvernstarter.fake;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernHeaders;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A fake Skyvern API, independent of any HTTP server: it answers {@link FakeRequest}s on Skyvern's
 * routes in Skyvern's JSON, keeps runs that move through Skyvern's statuses, records the run requests
 * it receives, and sends signed run-finished webhooks.
 * <p>
 * Routes: {@code POST /v1/run/agents} (and {@code /v1/run/workflows}), {@code GET /v1/runs/{id}},
 * {@code POST /v1/runs/{id}/cancel}, {@code POST /v1/runs/{id}/retry_webhook},
 * {@code GET /v1/runs/{id}/timeline}, {@code GET /v1/runs/{id}/artifacts},
 * {@code POST /v1/agents/runs/{id}/retry}, {@code POST /v1/runs/cancel}, {@code GET /v1/agents},
 * {@code GET /v1/agents/{id}}, {@code POST /v1/credentials/totp}, {@code GET /v1/runs}, {@code GET /v1/agents/{id}/runs} and {@code POST /v1/run/tasks}. Every
 * route needs an
 * {@code x-api-key} (403 otherwise, as Skyvern answers). The test kit serves it with WireMock, the
 * sample app with the JDK's HTTP server; either way a server adapter only turns its requests into
 * {@link FakeRequest}s and sends the {@link FakeResponse}s back.
 * <p>
 * A new Skyvern operation is a handler in a small {@code ...Routes} class of this package, added to
 * the route table in the constructor with its method and path ({@code /v1/runs/{runId}/timeline}).
 *
 * @since 0.1.0
 */
public final class FakeSkyvern implements AutoCloseable {

	private final FakeState state;

	private final FakeWebhooks webhooks;

	private final FakeRoutes routes = new FakeRoutes();

	private final @Nullable String apiKey;

	private final @Nullable Scheduler ownScheduler;

	private final SupportRoutes support;

	FakeSkyvern(FakeSkyvernBuilder builder) {
		this.state = new FakeState(builder.clock, builder.recording);
		this.apiKey = builder.apiKey;
		boolean needsScheduler = builder.stepInterval != null || builder.webhooksOnFinish;
		this.ownScheduler = (builder.scheduler == null && needsScheduler) ? Schedulers.newSingle("fake-skyvern", true)
				: null;
		Scheduler scheduler = (builder.scheduler != null) ? builder.scheduler
				: (this.ownScheduler != null) ? this.ownScheduler : Schedulers.immediate();
		this.webhooks = new FakeWebhooks(this.state, scheduler, builder.defaultWebhookTarget);
		Consumer<FakeRun> finished = builder.webhooksOnFinish ? this.webhooks::send : (run) -> {
		};
		RunSteps steps = new RunSteps(this.state, builder.stepInterval, scheduler, finished);
		new WorkflowRunRoutes(this.state, steps).addTo(this.routes);
		this.support = new SupportRoutes(this.state, steps, finished);
		this.support.addTo(this.routes);
		new RunRoutes(this.state, steps, this.webhooks, finished).addTo(this.routes);
		new RunListRoutes(this.state).addTo(this.routes);
		new TaskRunRoutes(this.state, steps).addTo(this.routes);
	}

	/**
	 * Return a builder for a fake that steps runs on each status poll and sends webhooks only when asked.
	 * @return a new builder
	 */
	public static FakeSkyvernBuilder builder() {
		return new FakeSkyvernBuilder();
	}

	/**
	 * Answer a request as Skyvern would.
	 * @param request the request
	 * @return the answer
	 */
	public FakeResponse handle(FakeRequest request) {
		String key = request.header(SkyvernHeaders.API_KEY);
		if (key == null || key.isBlank() || (this.apiKey != null && !this.apiKey.equals(key))) {
			return FakeResponse.error(403, "Invalid credentials");
		}
		return this.routes.dispatch(request);
	}

	/**
	 * Set how runs of the given workflow end, replacing any earlier setting for it.
	 * @param workflowId the workflow id ({@code wpid_...})
	 * @return the workflow, to configure fluently
	 */
	public FakeWorkflow workflow(String workflowId) {
		Objects.requireNonNull(workflowId, "workflowId must not be null");
		return this.state.newWorkflow(workflowId);
	}

	/**
	 * Set how runs of workflows without a setting of their own end, replacing the earlier default.
	 * @return the default workflow, to configure fluently
	 */
	public FakeWorkflow anyWorkflow() {
		return this.state.newAnyWorkflow();
	}

	/**
	 * Return how task runs ({@code POST /v1/run/tasks}) end, to change in place until {@link #reset()}; by
	 * default they complete on their first step with output {@code null}.
	 * @return the task setting, to configure fluently
	 */
	public FakeWorkflow tasks() {
		return this.state.tasks();
	}

	/**
	 * Return every request to start a task run, in arrival order, including those answered with an error.
	 * @return the task run requests; empty when recording is off
	 */
	public List<RecordedTaskStart> taskStarts() {
		return this.state.taskStarts();
	}

	/**
	 * Make the next run start (workflow or task) answer the given error once: before creating a run, or
	 * after creating it, as a server that fails on the way back does (the run exists, tagged with its
	 * {@code run_metadata}, so an exactly-once client finds it).
	 * @param httpStatus the HTTP status, for example 503
	 * @param afterCreating whether the run is created before the error is answered
	 */
	public void failNextRunStart(int httpStatus, boolean afterCreating) {
		if (httpStatus < 400 || httpStatus > 599) {
			throw new IllegalArgumentException("httpStatus must be an error status (4xx or 5xx), not " + httpStatus);
		}
		this.state.failNextRunStart(new FakeState.StartFailure(httpStatus, afterCreating));
	}

	/**
	 * Return every request to start a run, in arrival order, including those answered with an error.
	 * @return the run requests; empty when recording is off
	 */
	public List<RecordedRunStart> runStarts() {
		return this.state.runStarts();
	}

	/**
	 * Return the ids of the runs canceled through {@code POST /v1/runs/{id}/cancel}, in order.
	 * @return the run ids; empty when recording is off
	 */
	public List<String> canceledRuns() {
		return this.state.canceledRuns();
	}

	/**
	 * Return a run's status, without counting a poll.
	 * @param runId the run id
	 * @return the status, or {@code null} if the fake has no such run
	 */
	public @Nullable RunStatus runStatus(String runId) {
		FakeRun run = this.state.run(runId);
		return (run != null) ? run.snapshot().status() : null;
	}

	/**
	 * Return where the run's webhook goes: its {@code webhook_url} when that is a loopback address,
	 * else the default webhook target.
	 * @param runId the run id
	 * @return the target, or {@code null} when there is none
	 * @throws IllegalArgumentException if the fake has no such run
	 */
	public @Nullable URI webhookTarget(String runId) {
		return this.webhooks.target(this.state.requireRun(runId));
	}

	/**
	 * Finish the run as its workflow says (if it has not finished), and POST its signed run-finished
	 * webhook to the given URL, once.
	 * @param runId the run id
	 * @param target where to deliver it
	 * @return what was sent and the receiver's answer
	 * @throws IllegalArgumentException if the fake has no such run
	 * @throws java.io.UncheckedIOException if the receiver could not be reached
	 */
	public FakeWebhookDelivery deliverRunFinished(String runId, URI target) {
		FakeRun run = this.state.requireRun(runId);
		FakeRun.Snapshot finished = run.finish(this.state.now());
		return this.webhooks.sender(run).deliver(target, FakeWebhooks.body(finished));
	}

	/**
	 * Set where run-finished webhooks go when a run has no loopback {@code webhook_url}.
	 * @param target supplies the receiver's URL, or {@code null} while it is not known
	 */
	public void defaultWebhookTarget(Supplier<@Nullable URI> target) {
		this.webhooks.defaultTarget(target);
	}

	/**
	 * Forget all workflow settings, runs and recorded requests.
	 */
	public void reset() {
		this.state.reset();
		this.support.reset();
	}

	/**
	 * Return the verification codes pushed with {@code POST /v1/credentials/totp}, in order.
	 * @return the codes
	 */
	public List<FakeVerificationCode> verificationCodes() {
		return this.support.codes();
	}

	FakeState state() {
		return this.state;
	}

	FakeWebhooks webhooks() {
		return this.webhooks;
	}

	/**
	 * Stop the fake's own timer thread, if it started one.
	 */
	@Override
	public void close() {
		if (this.ownScheduler != null) {
			this.ownScheduler.dispose();
		}
	}

}
