package io.github.skyvernstarter.docs.exactlyonce;

import java.util.Map;
import java.util.Optional;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
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

}
