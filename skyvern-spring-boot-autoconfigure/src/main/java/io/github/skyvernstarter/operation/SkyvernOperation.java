package io.github.skyvernstarter.operation;

import org.springframework.http.HttpMethod;

/**
 * The Skyvern API calls this client makes, with their URI templates.
 *
 * @since 0.1.0
 */
public enum SkyvernOperation {

	/** Start a workflow run: {@code POST /v1/run/agents}. Not idempotent. */
	RUN_WORKFLOW("run", HttpMethod.POST, "/v1/run/agents"),

	/** Read a run: {@code GET /v1/runs/{runId}}. */
	GET_RUN("get", HttpMethod.GET, "/v1/runs/{runId}"),

	/** Cancel a run: {@code POST /v1/runs/{runId}/cancel}. */
	CANCEL_RUN("cancel", HttpMethod.POST, "/v1/runs/{runId}/cancel"),

	/** Re-deliver a finished run's webhook: {@code POST /v1/runs/{runId}/retry_webhook}. */
	RETRY_RUN_WEBHOOK("retry-webhook", HttpMethod.POST, "/v1/runs/{runId}/retry_webhook"),

	/** List runs of the organization, newest first: {@code GET /v1/runs}. */
	FIND_RUNS("find-runs", HttpMethod.GET, "/v1/runs"),

	/** List runs of one workflow, newest first: {@code GET /v1/agents/{workflowId}/runs}. */
	FIND_WORKFLOW_RUNS("find-workflow-runs", HttpMethod.GET, "/v1/agents/{workflowId}/runs"),

	/** Start a task run: {@code POST /v1/run/tasks}. Not idempotent. */
	RUN_TASK("run-task", HttpMethod.POST, "/v1/run/tasks");

	private final String operationName;

	private final HttpMethod method;

	private final String uriTemplate;

	SkyvernOperation(String operationName, HttpMethod method, String uriTemplate) {
		this.operationName = operationName;
		this.method = method;
		this.uriTemplate = uriTemplate;
	}

	/**
	 * Return the short name used in messages, metrics and logs, for example {@code get}.
	 * @return the operation's name
	 */
	public String operationName() {
		return this.operationName;
	}

	/**
	 * Return the HTTP method.
	 * @return the method
	 */
	public HttpMethod method() {
		return this.method;
	}

	/**
	 * Return the URI template, relative to {@code skyvern.base-url}.
	 * @return the URI template
	 */
	public String uriTemplate() {
		return this.uriTemplate;
	}

	/**
	 * Whether sending this call twice can do harm: only starting a run creates something new.
	 * @return {@code true} for run creation
	 */
	public boolean createsRun() {
		return this == RUN_WORKFLOW || this == RUN_TASK;
	}

	/**
	 * Return the call as written in messages and logs, for example {@code GET /v1/runs/{runId}}.
	 * @return the method and URI template
	 */
	public String describe() {
		return this.method.name() + " " + this.uriTemplate;
	}

}
