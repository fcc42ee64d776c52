package io.github.skyvernstarter.docs.files;

import java.time.Duration;
import java.util.List;

import io.github.skyvernstarter.client.ListWorkflowsRequest;
import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.RetryRunRequest;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TimelineBlock;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.model.WorkflowParameterDefinition;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

@Service
class RunDiagnostics {

	private final SkyvernWorkflowOperations skyvern;

	RunDiagnostics(SkyvernWorkflowOperations skyvern) {
		this.skyvern = skyvern;
	}

	// tag::timeline[]
	@Nullable String whyItFailed(String runId) {
		for (RunTimelineEntry entry : this.skyvern.getRunTimeline(runId)) {
			TimelineBlock failed = entry.firstFailedBlock();
			if (failed != null) {
				return failed.label() + ": " + failed.failureReason();
			}
		}
		return null;
	}
	// end::timeline[]

	// tag::artifacts[]
	List<Artifact> recordingAndDownloads(String runId) {
		return this.skyvern.getRunArtifacts(runId, ArtifactType.RECORDING, ArtifactType.DOWNLOAD);
	}
	// end::artifacts[]

	// tag::retry[]
	SkyvernRun runAgain(String failedRunId) {
		// A new run of the same workflow version with the same parameters, webhook and 2FA settings.
		return this.skyvern.retryRun(RetryRunRequest.of(failedRunId).withWait(Duration.ofMinutes(20)),
				RequestOptions.none());
	}
	// end::retry[]

	// tag::cancel[]
	List<String> cancelAll(List<String> runIds) {
		CancelRunsResult result = this.skyvern.cancelRuns(runIds);
		return result.failed(); // unknown ids and finished tasks
	}
	// end::cancel[]

	// tag::workflow[]
	List<String> requiredInputs(String workflowId) {
		Workflow workflow = this.skyvern.getWorkflow(workflowId);
		return workflow.inputParameters()
			.stream()
			.filter(WorkflowParameterDefinition::isRequired)
			.map(WorkflowParameterDefinition::key)
			.toList();
	}

	List<Workflow> invoiceWorkflows() {
		return this.skyvern.listWorkflows(ListWorkflowsRequest.firstPage().withSearchKey("invoice"));
	}
	// end::workflow[]

}
