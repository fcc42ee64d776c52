package io.github.skyvernstarter.docs.findingruns;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import reactor.core.publisher.Flux;

class FindingRuns {

	List<String> failedRunsOfTenant(SkyvernWorkflowOperations skyvern) {
		// tag::blocking[]
		RunQuery query = RunQuery.builder()
			.status(RunStatus.FAILED, RunStatus.TIMED_OUT)
			.runType(RunType.WORKFLOW_RUN)
			.tag("tenant", "acme")               // a run_metadata entry of the run start
			.pageSize(50)
			.build();
		List<String> runIds = skyvern.findRuns(query, 200)   // at most 200 runs, newest first
			.map(RunSummary::runId)
			.toList();
		// end::blocking[]
		return runIds;
	}

	RunPage<RunSummary> secondPage(SkyvernWorkflowOperations skyvern) {
		// tag::page[]
		RunPage<RunSummary> page = skyvern.findRunsPage(RunQuery.builder().searchKey("invoice").build(), 2);
		// end::page[]
		return page;
	}

	Flux<WorkflowRunSummary> lastDay(ReactiveSkyvernWorkflowOperations skyvern) {
		// tag::workflow[]
		Instant now = Instant.now();
		WorkflowRunQuery query = WorkflowRunQuery.builder("wpid_123")
			.createdBetween(now.minus(1, ChronoUnit.DAYS), now)
			.status(RunStatus.COMPLETED)
			.includeChildRuns(true)
			.build();
		Flux<WorkflowRunSummary> runs = skyvern.findWorkflowRuns(query, 500); // pages fetched on demand
		// end::workflow[]
		return runs;
	}

}
