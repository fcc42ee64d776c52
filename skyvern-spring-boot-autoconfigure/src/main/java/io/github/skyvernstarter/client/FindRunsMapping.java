package io.github.skyvernstarter.client;

import java.util.List;

import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import io.github.skyvernstarter.operation.SkyvernOperation;
import tools.jackson.core.type.TypeReference;

/**
 * Where each value of a {@link RunQuery} and a {@link WorkflowRunQuery} goes: query parameters of
 * {@code GET /v1/runs} and {@code GET /v1/agents/{workflowId}/runs}, lists as repeated parameters
 * ({@code ?status=a&status=b}), instants as ISO-8601 UTC; and how the bare arrays Skyvern answers are
 * read into a {@link RunPage}.
 */
final class FindRunsMapping {

	private static final TypeReference<List<RunSummary>> RUNS = new TypeReference<>() {
	};

	private static final TypeReference<List<WorkflowRunSummary>> WORKFLOW_RUNS = new TypeReference<>() {
	};

	private FindRunsMapping() {
	}

	static SkyvernCall toCall(RunQuery query, int page) {
		return SkyvernCall.to(SkyvernOperation.FIND_RUNS)
			.query("page", query.checkPage(page))
			.query("page_size", query.pageSize())
			.query("status", query.statuses())
			.query("run_type", query.runTypes())
			.query("workflow_permanent_id", query.workflowIds())
			.query("tags", query.tags())
			.query("search_key", query.searchKey())
			.build();
	}

	static SkyvernCall toCall(WorkflowRunQuery query, int page) {
		return SkyvernCall.to(SkyvernOperation.FIND_WORKFLOW_RUNS)
			.workflowId(query.workflowId())
			.query("page", query.checkPage(page))
			.query("page_size", query.pageSize())
			.query("status", query.statuses())
			.query("created_at_start", query.createdAtStart())
			.query("created_at_end", query.createdAtEnd())
			.query("tags", query.tags())
			.query("include_child_runs", query.includeChildRuns() ? Boolean.TRUE : null)
			.query("search_key", query.searchKey())
			.query("error_code", query.errorCode())
			.build();
	}

	static ResponseDecoder<RunPage<RunSummary>> runs(RunQuery query, int page) {
		return (body) -> new RunPage<>(page, query.pageSize(), nonNull(SkyvernJson.mapper().readValue(body, RUNS)));
	}

	static ResponseDecoder<RunPage<WorkflowRunSummary>> workflowRuns(WorkflowRunQuery query, int page) {
		return (body) -> new RunPage<>(page, query.pageSize(),
				nonNull(SkyvernJson.mapper().readValue(body, WORKFLOW_RUNS)));
	}

	private static <T> List<T> nonNull(List<T> items) {
		// A JSON null for the whole answer, or for an item, is not a run: the answer is malformed.
		if (items == null || items.contains(null)) {
			throw new IllegalArgumentException("Run listing holds null where a run was expected");
		}
		return items;
	}

}
