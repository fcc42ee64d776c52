package io.github.skyvernstarter.test;

import java.time.Instant;

import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run the stub created: it moves from {@code created} through {@code queued} and
 * {@code running} to the final status of its {@link WorkflowStub}, one step per status poll.
 */
final class StubRun {

	private final String runId;

	private final String workflowId;

	private final ObjectNode request;

	private final String apiKey;

	private final WorkflowStub.Outcome outcome;

	private final Instant createdAt;

	private RunStatus status = RunStatus.CREATED;

	private int polls;

	private Instant modifiedAt;

	private @Nullable Instant queuedAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	StubRun(String runId, String workflowId, ObjectNode request, String apiKey, WorkflowStub.Outcome outcome,
			Instant now) {
		this.runId = runId;
		this.workflowId = workflowId;
		this.request = request;
		this.apiKey = apiKey;
		this.outcome = outcome;
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
	 * Count one status poll and move the run one step on.
	 */
	synchronized Snapshot poll(Instant now) {
		if (!this.status.isFinal()) {
			this.polls++;
			if (this.polls >= this.outcome.polls()) {
				finishNow(now);
			}
			else {
				moveTo((this.polls == 1) ? RunStatus.QUEUED : RunStatus.RUNNING, now);
			}
		}
		return snapshot();
	}

	/**
	 * Move the run to its final status now, whatever the polls so far.
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
		return new Snapshot(this.runId, this.workflowId, this.status,
				finishedAsPlanned ? this.outcome.output() : NullNode.getInstance(),
				finishedAsPlanned ? this.outcome.failureReason() : null, this.createdAt, this.modifiedAt,
				this.queuedAt, this.startedAt, this.finishedAt, this.status.isFinal() ? Math.max(1, this.polls) : this.polls,
				this.request);
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
	record Snapshot(String runId, String workflowId, RunStatus status, JsonNode output,
			@Nullable String failureReason, Instant createdAt, Instant modifiedAt, @Nullable Instant queuedAt,
			@Nullable Instant startedAt, @Nullable Instant finishedAt, int stepCount, ObjectNode request) {

		/**
		 * Return a field of the run request as sent, or JSON null.
		 */
		JsonNode requestField(String name) {
			JsonNode value = this.request.get(name);
			return (value != null) ? value : NullNode.getInstance();
		}

	}

}
