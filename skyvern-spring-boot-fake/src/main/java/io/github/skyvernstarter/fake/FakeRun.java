package io.github.skyvernstarter.fake;

import java.time.Instant;

import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run of the fake: it moves from {@code created} through {@code queued} and {@code running} to
 * the final status of its {@link FakeWorkflow}, one step at a time.
 */
final class FakeRun {

	static final String WORKFLOW_RUN = "workflow_run";

	private final String runId;

	private final @Nullable String workflowId;

	private final String runType;

	private final ObjectNode request;

	private final String apiKey;

	private final FakeWorkflow.Outcome outcome;

	private final JsonNode output;

	private final Instant createdAt;

	private RunStatus status = RunStatus.CREATED;

	private int steps;

	private Instant modifiedAt;

	private @Nullable Instant queuedAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	FakeRun(String runId, String workflowId, ObjectNode request, String apiKey, FakeWorkflow.Outcome outcome,
			Instant now) {
		this(runId, workflowId, WORKFLOW_RUN, request, apiKey, outcome, now);
	}

	/**
	 * @param workflowId the workflow, {@code null} for a task run
	 * @param runType Skyvern's {@code run_type}: {@code workflow_run}, {@code task_v1}, ...
	 */
	FakeRun(String runId, @Nullable String workflowId, String runType, ObjectNode request, String apiKey,
			FakeWorkflow.Outcome outcome, Instant now) {
		this.runId = runId;
		this.workflowId = workflowId;
		this.runType = runType;
		this.request = request;
		this.apiKey = apiKey;
		this.outcome = outcome;
		this.output = outcome.output().apply(request);
		this.createdAt = now;
		this.modifiedAt = now;
	}

	String runId() {
		return this.runId;
	}

	/**
	 * Return the API key that created the run: Skyvern signs the run's webhooks with it.
	 */
	String apiKey() {
		return this.apiKey;
	}

	@Nullable String webhookUrl() {
		JsonNode url = this.request.get("webhook_url");
		return (url != null && url.isString()) ? url.asString() : null;
	}

	/**
	 * Move the run one step on, unless it has finished.
	 * @return whether this step finished the run
	 */
	synchronized boolean step(Instant now) {
		if (this.status.isFinal()) {
			return false;
		}
		this.steps++;
		if (this.steps >= this.outcome.steps()) {
			finishNow(now);
			return true;
		}
		moveTo((this.steps == 1) ? RunStatus.QUEUED : RunStatus.RUNNING, now);
		return false;
	}

	/**
	 * Move the run to its final status now, whatever the steps so far.
	 */
	synchronized Snapshot finish(Instant now) {
		if (!this.status.isFinal()) {
			finishNow(now);
		}
		return snapshot();
	}

	synchronized Snapshot cancel(Instant now) {
		if (!this.status.isFinal()) {
			this.status = RunStatus.CANCELED;
			this.modifiedAt = now;
			this.finishedAt = now;
		}
		return snapshot();
	}

	synchronized Snapshot snapshot() {
		boolean finishedAsPlanned = this.status.isFinal() && !this.status.equals(RunStatus.CANCELED);
		int stepCount = this.status.isFinal() ? Math.max(1, this.steps) : this.steps;
		return new Snapshot(this.runId, this.workflowId, this.runType, this.status,
				finishedAsPlanned ? this.output : NullNode.getInstance(),
				finishedAsPlanned ? this.outcome.failureReason() : null, this.createdAt, this.modifiedAt,
				this.queuedAt, this.startedAt, this.finishedAt, stepCount, this.request);
	}

	private void finishNow(Instant now) {
		moveTo(RunStatus.RUNNING, now);
		this.status = this.outcome.status();
		this.finishedAt = now;
	}

	private void moveTo(RunStatus next, Instant now) {
		if (this.queuedAt == null) {
			this.queuedAt = now;
		}
		if (next.equals(RunStatus.RUNNING) && this.startedAt == null) {
			this.startedAt = now;
		}
		this.status = next;
		this.modifiedAt = now;
	}

	/**
	 * The run at one moment, as the wire format needs it.
	 */
	record Snapshot(String runId, @Nullable String workflowId, String runType, RunStatus status, JsonNode output,
			@Nullable String failureReason, Instant createdAt, Instant modifiedAt, @Nullable Instant queuedAt,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, int stepCount, ObjectNode request) {

		/**
		 * Whether this is a task run rather than a workflow run.
		 */
		boolean isTask() {
			return !WORKFLOW_RUN.equals(this.runType);
		}

		/**
		 * Return a field of the run request as sent, or JSON null.
		 */
		JsonNode requestField(String name) {
			JsonNode value = this.request.get(name);
			return (value != null) ? value : NullNode.getInstance();
		}

	}

}
