package io.github.skyvernstarter.sample.web;

import java.net.URI;
import java.util.Map;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.sample.SampleProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Starts, reads and cancels Skyvern workflow runs through the starter's blocking template; runs are
 * answered in Skyvern's JSON field names ({@code run_id}, {@code status}, {@code output}, ...).
 */
@RestController
class RunController {

	private final SkyvernWorkflowOperations skyvern;

	private final SampleProperties properties;

	RunController(SkyvernWorkflowOperations skyvern, SampleProperties properties) {
		this.skyvern = skyvern;
		this.properties = properties;
	}

	/**
	 * Start a run of a workflow with the request body as its parameters; with {@code wait=true}, answer
	 * once the run has finished (or 202 when {@code sample.wait-timeout} runs out first).
	 */
	@PostMapping("/workflows/{workflowId}/runs")
	ResponseEntity<SkyvernRun> startRun(@PathVariable String workflowId,
			@RequestBody(required = false) @Nullable Map<String, @Nullable Object> parameters,
			@RequestParam(defaultValue = "false") boolean wait) {
		RunWorkflowRequest.Builder request = RunWorkflowRequest.builder(workflowId);
		if (parameters != null) {
			request.parameters(parameters);
		}
		if (wait) {
			request.waitTimeout(this.properties.waitTimeout());
		}
		SkyvernRun run = this.skyvern.runWorkflow(request.build());
		return ResponseEntity.created(runUri(run.runId())).body(run);
	}

	/**
	 * Return the path of a run; the run id comes from Skyvern, so it is encoded as one path segment
	 * (a space, a slash or a non-ASCII character in it never breaks the answer).
	 */
	static URI runUri(String runId) {
		return UriComponentsBuilder.fromPath("/runs/{runId}").build(runId);
	}

	@GetMapping("/runs/{runId}")
	SkyvernRun getRun(@PathVariable String runId) {
		return this.skyvern.getRun(runId);
	}

	/**
	 * Cancel a run and answer it as it stands afterwards.
	 */
	@PostMapping("/runs/{runId}/cancel")
	SkyvernRun cancelRun(@PathVariable String runId) {
		this.skyvern.cancelRun(runId);
		return this.skyvern.getRun(runId);
	}

}
