package io.github.skyvernstarter.fake;

import java.util.Map;

import io.github.skyvernstarter.model.SkyvernHeaders;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starting task runs: {@code POST /v1/run/tasks}. The engine picks the run's {@code run_type} and id
 * ({@code tsk_...}, {@code tsk_v2_...} for 2.0, which {@code publish_workflow} forces); task runs end as
 * {@link FakeSkyvern#tasks()} says and send their webhooks like workflow runs.
 */
final class TaskRunRoutes {

	private static final Map<String, String> RUN_TYPES = Map.of("skyvern-1.0", "task_v1", "skyvern-2.0", "task_v2",
			"skyvern-3.0", "task_v3", "openai-cua", "openai_cua", "anthropic-cua", "anthropic_cua", "ui-tars",
			"ui_tars", "yutori-navigator", "yutori_navigator");

	private final FakeState state;

	private final RunSteps steps;

	TaskRunRoutes(FakeState state, RunSteps steps) {
		this.state = state;
		this.steps = steps;
	}

	void addTo(FakeRoutes routes) {
		routes.add("POST", "/v1/run/tasks", (request, variables) -> start(request));
	}

	private FakeResponse start(FakeRequest request) {
		ObjectNode body;
		try {
			JsonNode json = FakeJson.read(request.body());
			if (!(json instanceof ObjectNode object)) {
				return FakeResponse.error(422, "Input should be a valid dictionary or object");
			}
			body = object;
		}
		catch (JacksonException ex) {
			return FakeResponse.error(422, "JSON decode error");
		}
		JsonNode prompt = body.get("prompt");
		if (prompt == null || !prompt.isString() || prompt.asString().isBlank()) {
			return FakeResponse.error(422, "Field required: prompt");
		}
		String runType = runType(body);
		if (runType == null) {
			return FakeResponse.error(422, "Input should be one of " + RUN_TYPES.keySet() + ": engine");
		}
		FakeState.StartFailure ambiguous = this.state.nextStartFailure();
		FakeWorkflow.StartError error = this.state.tasks().startError();
		if ((ambiguous != null && !ambiguous.afterCreating()) || (ambiguous == null && error != null)) {
			this.state.recordTaskStart(new RecordedTaskStart(null, null, body, request.headers(), true));
			return (ambiguous != null) ? FakeResponse.error(ambiguous.httpStatus(), ambiguous.detail())
					: FakeResponse.error(error.httpStatus(), error.detail());
		}
		String runId = this.state.nextId(runType.equals("task_v2") ? "tsk_v2_" : "tsk_");
		// Authenticated already: the key is there.
		String apiKey = String.valueOf(request.header(SkyvernHeaders.API_KEY));
		FakeRun run = new FakeRun(runId, null, runType, body, apiKey, this.state.tasks().outcome(), this.state.now());
		this.state.add(run);
		this.state.recordTaskStart(new RecordedTaskStart(runId, runType, body, request.headers(), ambiguous != null));
		this.steps.started(run);
		return (ambiguous != null) ? FakeResponse.error(ambiguous.httpStatus(), ambiguous.detail())
				: FakeResponse.json(FakeWireFormat.run(run.snapshot()));
	}

	private static @Nullable String runType(ObjectNode body) {
		JsonNode publish = body.get("publish_workflow");
		if (publish != null && publish.isBoolean() && publish.booleanValue()) {
			return "task_v2";
		}
		JsonNode engine = body.get("engine");
		if (engine == null || engine.isNull()) {
			return "task_v1";
		}
		return engine.isString() ? RUN_TYPES.get(engine.asString()) : null;
	}

}
