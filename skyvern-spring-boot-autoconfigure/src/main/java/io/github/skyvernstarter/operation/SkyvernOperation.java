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

	/** Read a run's timeline of blocks and thoughts: {@code GET /v1/runs/{runId}/timeline}. */
	GET_RUN_TIMELINE("timeline", HttpMethod.GET, "/v1/runs/{runId}/timeline"),

	/** List a run's artifacts: {@code GET /v1/runs/{runId}/artifacts}. */
	GET_RUN_ARTIFACTS("artifacts", HttpMethod.GET, "/v1/runs/{runId}/artifacts"),

	/** Run a finished workflow run again: {@code POST /v1/agents/runs/{runId}/retry}. Not idempotent. */
	RETRY_RUN("retry", HttpMethod.POST, "/v1/agents/runs/{runId}/retry"),

	/** Cancel several runs: {@code POST /v1/runs/cancel}. */
	CANCEL_RUNS("cancel-runs", HttpMethod.POST, "/v1/runs/cancel"),

	/** Read a workflow: {@code GET /v1/agents/{workflowId}}. */
	GET_WORKFLOW("get-workflow", HttpMethod.GET, "/v1/agents/{workflowId}"),

	/** List workflows: {@code GET /v1/agents}. */
	LIST_WORKFLOWS("list-workflows", HttpMethod.GET, "/v1/agents"),

	/** Push a 2FA verification code: {@code POST /v1/credentials/totp}. */
	SEND_VERIFICATION_CODE("send-verification-code", HttpMethod.POST, "/v1/credentials/totp"),

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
	 * Whether sending this call twice can do harm: only starting a run (or a retry of one) creates
	 * something new.
	 * @return {@code true} for run creation
	 */
	public boolean createsRun() {
		return this == RUN_WORKFLOW || this == RETRY_RUN || this == RUN_TASK;
	}

	/**
	 * Return the call as written in messages and logs, for example {@code GET /v1/runs/{runId}}.
	 * @return the method and URI template
	 */
	public String describe() {
		return this.method.name() + " " + this.uriTemplate;
	}

}
