package io.github.skyvernstarter.sample.web;

import java.util.List;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.sample.SampleProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Starts single Skyvern tasks and lists runs through the starter's blocking template: {@code POST /tasks}
 * and {@code GET /runs?workflow=&status=&tag=key:value}, answered in Skyvern's JSON field names.
 */
@RestController
class TaskAndRunListController {

	/** The most runs one {@code GET /runs} answers. */
	static final int MAX_LIMIT = 100;

	private final SkyvernWorkflowOperations skyvern;

	private final SampleProperties properties;

	TaskAndRunListController(SkyvernWorkflowOperations skyvern, SampleProperties properties) {
		this.skyvern = skyvern;
		this.properties = properties;
	}

	/**
	 * Start a task from {@code {"prompt": ..., "url": ...}} (plus optional {@code engine}, {@code title},
	 * {@code max_steps}); with {@code wait=true}, answer once the run has finished (or 202 when
	 * {@code sample.wait-timeout} runs out first).
	 */
	@PostMapping("/tasks")
	ResponseEntity<SkyvernRun> startTask(@RequestBody TaskBody body, @RequestParam(defaultValue = "false") boolean wait) {
		if (body.prompt() == null || body.prompt().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "prompt is required");
		}
		TaskRunRequest.Builder request = TaskRunRequest.builder(body.prompt());
		try {
			if (body.url() != null) {
				request.url(body.url());
			}
			if (body.engine() != null) {
				request.engine(body.engine());
			}
			if (body.title() != null) {
				request.title(body.title());
			}
			if (body.maxSteps() != null) {
				request.maxSteps(body.maxSteps());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
		if (wait) {
			request.waitForCompletion(this.properties.waitTimeout());
		}
		SkyvernRun run = this.skyvern.runTask(request.build(), RequestOptions.none());
		return ResponseEntity.created(RunController.runUri(run.runId())).body(run);
	}

	/**
	 * List runs, newest first: filtered by workflow, status and tags ({@code key:value}, repeatable), at
	 * most {@code limit} (1 to 100) of them.
	 */
	@GetMapping("/runs")
	List<RunSummary> findRuns(@RequestParam(required = false) @Nullable String workflow,
			@RequestParam(required = false) @Nullable List<String> status,
			@RequestParam(required = false) @Nullable List<String> tag, @RequestParam(defaultValue = "20") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
		}
		RunQuery.Builder query = RunQuery.builder().pageSize(Math.min(limit, RunQuery.MAX_PAGE));
		try {
			if (workflow != null && !workflow.isBlank()) {
				query.workflowId(workflow);
			}
			for (String value : (status != null) ? status : List.<String>of()) {
				query.status(RunStatus.of(value));
			}
			for (String term : (tag != null) ? tag : List.<String>of()) {
				int colon = term.indexOf(':');
				if (colon <= 0) {
					throw new IllegalArgumentException("tag must be key:value, not '" + term + "'");
				}
				query.tag(term.substring(0, colon), term.substring(colon + 1));
			}
			return this.skyvern.findRuns(query.build(), limit).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage());
		}
	}

	/**
	 * The body of {@code POST /tasks}, in Skyvern's field names.
	 *
	 * @param prompt what the task should do
	 * @param url where it starts
	 * @param engine the engine, for example {@code skyvern-2.0}
	 * @param title the run's title
	 * @param maxSteps the step cap
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record TaskBody(@Nullable String prompt, @Nullable String url, @Nullable String engine, @Nullable String title,
			@Nullable Integer maxSteps) {

	}

}
