package io.github.skyvernstarter.fake;

import java.util.List;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.skyvernstarter.model.SkyvernHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Looking into and repeating runs, workflows and 2FA codes: {@code GET /v1/runs/{runId}/timeline},
 * {@code GET /v1/runs/{runId}/artifacts}, {@code POST /v1/agents/runs/{runId}/retry},
 * {@code POST /v1/runs/cancel}, {@code GET /v1/agents/{workflowId}}, {@code GET /v1/agents} and
 * {@code POST /v1/credentials/totp}, answered as Skyvern answers them (API-NOTES, part 2).
 */
final class SupportRoutes {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final int MAX_CANCEL = 100;

	private final FakeState state;

	private final RunSteps steps;

	private final Consumer<FakeRun> finished;

	private final List<FakeVerificationCode> codes = new CopyOnWriteArrayList<>();

	SupportRoutes(FakeState state, RunSteps steps, Consumer<FakeRun> finished) {
		this.state = state;
		this.steps = steps;
		this.finished = finished;
	}

	void addTo(FakeRoutes routes) {
		routes.add("POST", "/v1/runs/cancel", (request, variables) -> cancelRuns(request))
			.add("GET", "/v1/runs/{runId}/timeline", (request, variables) -> timeline(variables.get("runId")))
			.add("GET", "/v1/runs/{runId}/artifacts", (request, variables) -> FakeResponse.json(NODES.arrayNode()))
			.add("POST", "/v1/agents/runs/{runId}/retry", (request, variables) -> retry(request, variables.get("runId")))
			.add("GET", "/v1/agents", (request, variables) -> FakeResponse.json(NODES.arrayNode()))
			.add("GET", "/v1/agents/{workflowId}", (request, variables) -> workflow(variables.get("workflowId")))
			.add("POST", "/v1/credentials/totp", (request, variables) -> sendCode(request));
	}

	List<FakeVerificationCode> codes() {
		return List.copyOf(this.codes);
	}

	void reset() {
		this.codes.clear();
	}

	private FakeResponse cancelRuns(FakeRequest request) {
		JsonNode ids = object(request).map((body) -> body.get("run_ids")).orElse(null);
		if (ids == null || !ids.isArray()) {
			return FakeResponse.error(422, "Field required: run_ids");
		}
		if (ids.size() > MAX_CANCEL) {
			return FakeResponse.error(422, "List should have at most 100 items after validation");
		}
		ObjectNode answer = NODES.objectNode();
		ArrayNode cancelled = answer.putArray("cancelled");
		ArrayNode failed = answer.putArray("failed");
		for (JsonNode id : ids) {
			FakeRun run = this.state.run(id.asString());
			if (run == null) {
				failed.add(id.asString());
				continue;
			}
			// A finished workflow run counts as cancelled: it keeps its status, its webhook is sent again.
			run.cancel(this.state.now());
			this.state.recordCancel(run.runId());
			this.finished.accept(run);
			cancelled.add(run.runId());
		}
		return FakeResponse.json(answer);
	}

	private FakeResponse timeline(String runId) {
		FakeRun run = this.state.run(runId);
		if (run == null) {
			return FakeResponse.error(404, "Run " + runId + " not found");
		}
		FakeRun.Snapshot snapshot = run.snapshot();
		ObjectNode block = NODES.objectNode();
		block.put("workflow_run_block_id", "wrb_" + runId);
		block.put("workflow_run_id", runId);
		block.put("organization_id", "o_fake");
		block.put("block_type", "task");
		block.put("label", "main");
		block.put("status", snapshot.status().value());
		if (snapshot.failureReason() != null) {
			block.put("failure_reason", snapshot.failureReason());
		}
		block.set("output", snapshot.output());
		block.put("created_at", FakeJson.timestamp(snapshot.createdAt()));
		block.put("modified_at", FakeJson.timestamp(snapshot.modifiedAt()));
		ObjectNode entry = NODES.objectNode();
		entry.put("type", "block");
		entry.set("block", block);
		entry.putNull("thought");
		entry.putArray("children");
		entry.put("created_at", FakeJson.timestamp(snapshot.createdAt()));
		entry.put("modified_at", FakeJson.timestamp(snapshot.modifiedAt()));
		return FakeResponse.json(NODES.arrayNode().add(entry));
	}

	private FakeResponse retry(FakeRequest request, String runId) {
		FakeRun original = this.state.run(runId);
		if (original == null || !runId.startsWith("wr_")) {
			return FakeResponse.error(404, "Workflow run " + runId + " not found");
		}
		FakeRun.Snapshot snapshot = original.snapshot();
		if (!snapshot.status().isFinal()) {
			return FakeResponse.error(400, "Only terminal workflow runs can be retried");
		}
		// A new run of the same workflow with the stored request (parameters, webhook and 2FA settings).
		FakeRun run = new FakeRun(this.state.nextId("wr_"), snapshot.workflowId(), snapshot.request().deepCopy(),
				String.valueOf(request.header(SkyvernHeaders.API_KEY)),
				this.state.workflow(snapshot.workflowId()).outcome(), this.state.now());
		this.state.add(run);
		this.steps.started(run);
		return FakeResponse.json(FakeWireFormat.run(run.snapshot()));
	}

	private FakeResponse workflow(String workflowId) {
		if (!workflowId.startsWith("wpid_")) {
			return FakeResponse.error(404, "Workflow not found. workflow_permanent_id=" + workflowId);
		}
		ObjectNode json = NODES.objectNode();
		json.put("workflow_id", "w_" + workflowId.substring("wpid_".length()));
		json.put("organization_id", "o_fake");
		json.put("title", "Fake workflow " + workflowId);
		json.put("workflow_permanent_id", workflowId);
		json.put("version", 1);
		json.put("is_saved_task", false);
		ObjectNode definition = json.putObject("workflow_definition");
		definition.putArray("parameters");
		definition.putArray("blocks");
		json.put("status", "published");
		json.put("created_at", FakeJson.timestamp(this.state.now()));
		json.put("modified_at", FakeJson.timestamp(this.state.now()));
		return FakeResponse.json(json);
	}

	private FakeResponse sendCode(FakeRequest request) {
		ObjectNode body = object(request).orElse(null);
		if (body == null || !text(body, "totp_identifier") || !text(body, "content")) {
			return FakeResponse.error(422, "Field required: totp_identifier, content");
		}
		String content = body.get("content").asString();
		String workflowRunId = text(body, "workflow_run_id") ? body.get("workflow_run_id").asString() : null;
		this.codes.add(new FakeVerificationCode(body.get("totp_identifier").asString(), content, workflowRunId));
		ObjectNode answer = NODES.objectNode();
		answer.put("totp_code_id", this.state.nextId("totp_"));
		answer.put("totp_identifier", body.get("totp_identifier").asString());
		answer.put("content", content);
		// Up to 10 characters is the code itself; the fake reads no longer messages (Skyvern's model would).
		answer.put("code", (content.length() <= 10) ? content.strip() : "");
		answer.put("otp_type", "totp");
		answer.put("organization_id", "o_fake");
		answer.put("created_at", FakeJson.timestamp(this.state.now()));
		answer.put("modified_at", FakeJson.timestamp(this.state.now()));
		if (workflowRunId != null) {
			answer.put("workflow_run_id", workflowRunId);
		}
		return FakeResponse.json(answer);
	}

	private static java.util.Optional<ObjectNode> object(FakeRequest request) {
		try {
			return (FakeJson.read(request.body()) instanceof ObjectNode object) ? java.util.Optional.of(object)
					: java.util.Optional.empty();
		}
		catch (JacksonException ex) {
			return java.util.Optional.empty();
		}
	}

	private static boolean text(JsonNode body, String field) {
		JsonNode value = body.get(field);
		return value != null && value.isString() && !value.asString().isBlank();
	}


}
