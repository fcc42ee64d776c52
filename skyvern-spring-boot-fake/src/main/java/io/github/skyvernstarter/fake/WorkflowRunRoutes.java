package io.github.skyvernstarter.fake;

import java.util.Map;

import io.github.skyvernstarter.model.SkyvernHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starting workflow runs: {@code POST /v1/run/agents} and its older alias {@code POST /v1/run/workflows}.
 */
final class WorkflowRunRoutes {

	private final FakeState state;

	private final RunSteps steps;

	WorkflowRunRoutes(FakeState state, RunSteps steps) {
		this.state = state;
		this.steps = steps;
	}

	void addTo(FakeRoutes routes) {
		routes.add("POST", "/v1/run/agents", this::start).add("POST", "/v1/run/workflows", this::start);
	}

	private FakeResponse start(FakeRequest request, Map<String, String> variables) {
		JsonNode body;
		try {
			body = FakeJson.read(request.body());
		}
		catch (JacksonException ex) {
			return FakeResponse.error(422, "JSON decode error");
		}
		if (!(body instanceof ObjectNode object)) {
			return FakeResponse.error(422, "Input should be a valid dictionary or object");
		}
		JsonNode id = object.has("agent_id") ? object.get("agent_id") : object.get("workflow_id");
		if (id == null || !id.isString() || id.asString().isBlank()) {
			return FakeResponse.error(422, "Field required: agent_id");
		}
		String workflowId = id.asString();
		FakeWorkflow workflow = this.state.workflow(workflowId);
		FakeState.StartFailure ambiguous = this.state.nextStartFailure();
		FakeWorkflow.StartError error = workflow.startError();
		if ((ambiguous != null && !ambiguous.afterCreating()) || (ambiguous == null && error != null)) {
			this.state.recordRunStart(new RecordedRunStart(null, workflowId, object, request.headers(), request.query()));
			return (ambiguous != null) ? FakeResponse.error(ambiguous.httpStatus(), ambiguous.detail())
					: FakeResponse.error(error.httpStatus(), error.detail());
		}
		String runId = this.state.nextId("wr_");
		// Authenticated already: the key is there.
		String apiKey = String.valueOf(request.header(SkyvernHeaders.API_KEY));
		FakeRun run = new FakeRun(runId, workflowId, object, apiKey, workflow.outcome(), this.state.now());
		this.state.add(run);
		this.state.recordRunStart(new RecordedRunStart(runId, workflowId, object, request.headers(), request.query()));
		this.steps.started(run);
		// After creating the run, as a server that fails on the way back: the run exists, tagged.
		return (ambiguous != null) ? FakeResponse.error(ambiguous.httpStatus(), ambiguous.detail())
				: FakeResponse.json(FakeWireFormat.run(run.snapshot()));
	}

}
