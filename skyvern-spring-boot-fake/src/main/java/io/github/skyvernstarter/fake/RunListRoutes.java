package io.github.skyvernstarter.fake;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Listing runs: {@code GET /v1/runs} and {@code GET /v1/agents/{workflowId}/runs}, newest first, paged
 * with {@code page} and {@code page_size}, filtered by {@code status}, {@code run_type},
 * {@code workflow_permanent_id}, {@code search_key} and {@code tags} as Skyvern filters them: a run's tags
 * are its {@code run_metadata}; terms are {@code key:value}, {@code key:*} or a label, AND across keys and
 * OR within one; {@code search_key} (at least 3 characters) matches a part of the title, URL, ids or
 * parameter values, whatever its case. A {@code skyvern-2.0} task has no title: 2.0 ignores it.
 */
final class RunListRoutes {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final FakeState state;

	RunListRoutes(FakeState state) {
		this.state = state;
	}

	void addTo(FakeRoutes routes) {
		routes.add("GET", "/v1/runs", (request, variables) -> list(request, null))
			.add("GET", "/v1/agents/{workflowId}/runs",
					(request, variables) -> list(request, variables.get("workflowId")));
	}

	private FakeResponse list(FakeRequest request, @Nullable String workflowId) {
		int page;
		int pageSize;
		try {
			page = number(request.queryParameter("page"), 1);
			pageSize = number(request.queryParameter("page_size"), 10);
		}
		catch (NumberFormatException ex) {
			return FakeResponse.error(422, "page and page_size must be integers");
		}
		if (page < 1 || pageSize < 1 || (workflowId == null && (page > 100 || pageSize > 100))) {
			return FakeResponse.error(422, "page or page_size out of range");
		}
		List<String> terms = terms(request.query().getOrDefault("tags", List.of()));
		if (terms.contains("") || terms.size() > 20) {
			return FakeResponse.error(400, "Invalid tags filter");
		}
		String searchKey = request.queryParameter("search_key");
		if (searchKey != null && searchKey.strip().length() < 3) {
			return FakeResponse.error(422, "search_key must have at least 3 characters");
		}
		Predicate<FakeRun.Snapshot> filter = (run) -> matches(run, request, workflowId, terms)
				&& (searchKey == null || contains(run, searchKey.strip().toLowerCase(Locale.ROOT)));
		List<FakeRun.Snapshot> runs = this.state.runs()
			.stream()
			.map(FakeRun::snapshot)
			.filter(filter)
			.sorted(Comparator.comparing(FakeRun.Snapshot::createdAt)
				.thenComparing(FakeRun.Snapshot::runId)
				.reversed())
			.skip((long) (page - 1) * pageSize)
			.limit(pageSize)
			.toList();
		ArrayNode answer = NODES.arrayNode();
		runs.forEach((run) -> answer.add((workflowId != null) ? workflowRun(run) : listItem(run)));
		return FakeResponse.json(answer);
	}

	private static boolean matches(FakeRun.Snapshot run, FakeRequest request, @Nullable String workflowId,
			List<String> terms) {
		if (workflowId != null && !workflowId.equals(run.workflowId())) {
			return false;
		}
		List<String> workflows = request.query().getOrDefault("workflow_permanent_id", List.of());
		if (!workflows.isEmpty() && !workflows.contains(run.workflowId())) {
			return false;
		}
		List<String> statuses = request.query().getOrDefault("status", List.of());
		if (!statuses.isEmpty() && !statuses.contains(run.status().value())) {
			return false;
		}
		List<String> runTypes = request.query().getOrDefault("run_type", List.of());
		if (!runTypes.isEmpty() && !runTypes.contains(run.runType())) {
			return false;
		}
		return tagsMatch(run.requestField("run_metadata"), terms);
	}

	/** Whether the run's title, URL, ids or parameter values contain the (lower-case) search key. */
	private static boolean contains(FakeRun.Snapshot run, String searchKey) {
		List<String> texts = new ArrayList<>();
		texts.add(run.runId());
		if (run.workflowId() != null) {
			texts.add(run.workflowId());
		}
		for (JsonNode value : List.of(title(run), run.requestField("url"))) {
			if (value.isString()) {
				texts.add(value.asString());
			}
		}
		if (run.requestField("parameters") instanceof ObjectNode parameters) {
			parameters.valueStream().filter(JsonNode::isString).forEach((value) -> texts.add(value.asString()));
		}
		return texts.stream().anyMatch((text) -> text.toLowerCase(Locale.ROOT).contains(searchKey));
	}

	/** The title Skyvern keeps: a skyvern-2.0 task (task_v2) ignores the one it was sent. */
	private static JsonNode title(FakeRun.Snapshot run) {
		return "task_v2".equals(run.runType()) ? NullNode.getInstance() : run.requestField("title");
	}

	/** AND across distinct keys, OR within the values of one key; a label matches a value under any key. */
	private static boolean tagsMatch(JsonNode metadata, List<String> terms) {
		Map<String, List<String>> byKey = new java.util.LinkedHashMap<>();
		for (String term : terms) {
			int colon = term.indexOf(':');
			String key = (colon >= 0) ? term.substring(0, colon) : "";
			byKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add((colon >= 0) ? term.substring(colon + 1) : term);
		}
		for (Map.Entry<String, List<String>> group : byKey.entrySet()) {
			if (!group.getValue().stream().anyMatch((value) -> tagMatches(metadata, group.getKey(), value))) {
				return false;
			}
		}
		return true;
	}

	private static boolean tagMatches(JsonNode metadata, String key, String value) {
		if (!(metadata instanceof ObjectNode tags)) {
			return false;
		}
		if (key.isEmpty()) {
			return tags.valueStream().anyMatch((tag) -> tag.isString() && tag.asString().equals(value));
		}
		JsonNode tag = tags.get(key);
		return tag != null && tag.isString() && ("*".equals(value) || tag.asString().equals(value));
	}

	private static List<String> terms(List<String> parameters) {
		List<String> terms = new ArrayList<>();
		for (String parameter : parameters) {
			for (String term : parameter.split(",", -1)) {
				terms.add(term.strip());
			}
		}
		return terms;
	}

	private static int number(@Nullable String value, int fallback) {
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	/** An item of {@code GET /v1/runs} ({@code TaskRunListItem}). */
	private static ObjectNode listItem(FakeRun.Snapshot run) {
		ObjectNode json = NODES.objectNode();
		json.put("task_run_id", "tr_" + run.runId());
		json.put("run_id", run.runId());
		json.put("task_run_type", run.runType());
		json.put("status", run.status().value());
		json.set("title", title(run));
		timestamp(json, "started_at", run.startedAt());
		timestamp(json, "finished_at", run.finishedAt());
		timestamp(json, "created_at", run.createdAt());
		json.put("workflow_permanent_id", run.workflowId());
		json.put("workflow_deleted", false);
		json.put("script_run", false);
		json.put("trigger_type", "api");
		return json;
	}

	/** An item of {@code GET /v1/agents/{workflowId}/runs} ({@code WorkflowRun}). */
	private static ObjectNode workflowRun(FakeRun.Snapshot run) {
		ObjectNode json = NODES.objectNode();
		json.put("workflow_run_id", run.runId());
		json.put("workflow_id", "w_" + run.workflowId());
		json.put("workflow_permanent_id", run.workflowId());
		json.put("organization_id", "o_fake");
		json.put("status", run.status().value());
		if (run.failureReason() != null) {
			json.put("failure_reason", run.failureReason());
		}
		json.putNull("parent_workflow_run_id");
		json.set("workflow_title", run.requestField("title"));
		json.put("trigger_type", "api");
		timestamp(json, "queued_at", run.queuedAt());
		timestamp(json, "started_at", run.startedAt());
		timestamp(json, "finished_at", run.finishedAt());
		timestamp(json, "created_at", run.createdAt());
		timestamp(json, "modified_at", run.modifiedAt());
		return json;
	}

	private static void timestamp(ObjectNode json, String field, java.time.@Nullable Instant value) {
		if (value != null) {
			json.put(field, FakeJson.timestamp(value));
		}
		else {
			json.putNull(field);
		}
	}

}
