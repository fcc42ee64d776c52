package io.github.skyvernstarter.docs.exactlyonce;

import java.util.Map;
import java.util.Optional;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;

class RunStartUnknown {

	Optional<String> start(SkyvernWorkflowOperations skyvern, String orderId) {
		// tag::own-id[]
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_123")
			.parameter("order", orderId)
			.runMetadata(Map.of("client-request-id", "order-" + orderId))   // your own request id
			.build();
		// end::own-id[]
		// tag::unknown[]
		try {
			SkyvernRun run = skyvern.runWorkflow(request);
			return Optional.of(run.runId());
		}
		catch (SkyvernRunStartUnknownException ex) {
			// The run may or may not exist: keep the request id and look it up later.
			WorkflowRunQuery query = WorkflowRunQuery.builder(ex.getWorkflowId())
				.tag(ex.getRequestIdKey(), ex.getRequestId())
				.build();
			return skyvern.findWorkflowRuns(query, 1).map(WorkflowRunSummary::runId).findFirst();
		}
		// end::unknown[]
	}

	Optional<String> startTask(SkyvernWorkflowOperations skyvern) {
		TaskRunRequest request = TaskRunRequest.builder("Find the price").url("https://shop.example.com").build();
		// tag::task-unknown[]
		try {
			return Optional.of(skyvern.runTask(request).runId());
		}
		catch (SkyvernRunStartUnknownException ex) {
			// A 1.0-family task carried the token in its title: search for it, keep exact matches only.
			String token = ex.getTitleToken();
			return skyvern.findRuns(RunQuery.builder().searchKey(token).build(), 10)
				.filter((run) -> run.title() != null && run.title().contains(token))
				.map(RunSummary::runId)
				.reduce((newer, older) -> older);
		}
		// end::task-unknown[]
	}

}
