package io.github.skyvernstarter.sample.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One run in the simulator, written as Skyvern writes runs: snake_case fields, {@code null}s kept and
 * naive UTC timestamps.
 */
final class SimulatedRun {

	private static final DateTimeFormatter NAIVE_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final String runId;

	private final String workflowId;

	private final ObjectNode request;

	private final String apiKey;

	private final Instant createdAt;

	private String status = "created";

	private JsonNode output = NullNode.getInstance();

	private Instant modifiedAt;

	private @Nullable Instant queuedAt;

	private @Nullable Instant startedAt;

	private @Nullable Instant finishedAt;

	SimulatedRun(String runId, String workflowId, ObjectNode request, String apiKey, Instant now) {
		this.runId = runId;
		this.workflowId = workflowId;
		this.request = request;
		this.apiKey = apiKey;
		this.createdAt = now;
		this.modifiedAt = now;
	}

	String runId() {
		return this.runId;
	}

	/**
	 * Return the API key that started the run: Skyvern signs the run's webhook with it.
	 */
	String apiKey() {
		return this.apiKey;
	}

	synchronized @Nullable String webhookUrl() {
		JsonNode url = this.request.get("webhook_url");
		return (url != null && url.isString()) ? url.asString() : null;
	}

	synchronized boolean isFinal() {
		return switch (this.status) {
			case "completed", "failed", "terminated", "canceled", "timed_out" -> true;
			default -> false;
		};
	}

	/**
	 * Move the run one step on: created, queued, running, then completed with an output.
	 * @return whether the run has just finished
	 */
	synchronized boolean advance(Instant now) {
		if (isFinal()) {
			return false;
		}
		switch (this.status) {
			case "created" -> {
				this.status = "queued";
				this.queuedAt = now;
			}
			case "queued" -> {
				this.status = "running";
				this.startedAt = now;
			}
			default -> {
				this.status = "completed";
				this.output = output();
				this.finishedAt = now;
			}
		}
		this.modifiedAt = now;
		return isFinal();
	}

	synchronized void cancel(Instant now) {
		if (!isFinal()) {
			this.status = "canceled";
			this.finishedAt = now;
			this.modifiedAt = now;
		}
	}

	private ObjectNode output() {
		ObjectNode output = NODES.objectNode();
		output.put("message", "Simulated run of " + this.workflowId + " completed");
		JsonNode parameters = this.request.get("parameters");
		output.set("parameters", (parameters != null) ? parameters : NODES.objectNode());
		return output;
	}

	/**
	 * The run as {@code GET /v1/runs/{id}} returns it.
	 */
	synchronized ObjectNode toJson() {
		ObjectNode json = NODES.objectNode();
		json.put("run_id", this.runId);
		json.put("status", this.status);
		json.set("output", this.output);
		json.putArray("downloaded_files");
		json.putNull("recording_url");
		json.putArray("screenshot_urls");
		if (this.status.equals("canceled")) {
			json.put("failure_reason", "Run canceled");
		}
		else {
			json.putNull("failure_reason");
		}
		putTimestamp(json, "created_at", this.createdAt);
		putTimestamp(json, "modified_at", this.modifiedAt);
		putTimestamp(json, "queued_at", this.queuedAt);
		putTimestamp(json, "started_at", this.startedAt);
		putTimestamp(json, "finished_at", this.finishedAt);
		json.putNull("app_url");
		json.putArray("errors");
		json.put("step_count", isFinal() ? 3 : 0);
		json.put("run_type", "workflow_run");
		ObjectNode runRequest = this.request.deepCopy();
		runRequest.remove("agent_id");
		json.set("run_request", NODES.objectNode().put("workflow_id", this.workflowId).setAll(runRequest));
		return json;
	}

	/**
	 * The run-finished webhook body: the run plus Skyvern's legacy workflow-run keys.
	 */
	synchronized ObjectNode toWebhookJson() {
		ObjectNode json = NODES.objectNode();
		json.put("workflow_id", this.workflowId);
		json.put("workflow_run_id", this.runId);
		json.put("agent_id", this.workflowId);
		json.set("outputs", this.output);
		json.put("total_steps", 3);
		JsonNode title = this.request.get("title");
		json.set("workflow_title", (title != null) ? title : NullNode.getInstance());
		json.setAll(toJson());
		return json;
	}

	private static void putTimestamp(ObjectNode json, String field, @Nullable Instant instant) {
		if (instant == null) {
			json.putNull(field);
		}
		else {
			json.put(field, NAIVE_UTC.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS),
					ZoneOffset.UTC)));
		}
	}

}
