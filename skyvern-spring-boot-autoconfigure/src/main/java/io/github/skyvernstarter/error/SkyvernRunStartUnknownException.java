package io.github.skyvernstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * A run start failed in a way that leaves the run's existence unknown (a 5xx, a 408, a response
 * timeout, a connection lost after sending), and looking the start up by its client request id did not
 * settle it: the lookup failed, for example with 403 where the organization has no run tagging.
 * <p>
 * The run may or may not exist. It carries the request id that the start sent, so it can be looked up
 * later. A workflow run start sent it in {@code run_metadata}:
 * {@code GET /v1/agents/{workflowId}/runs?tags=key:requestId}, or {@code findWorkflowRuns} with
 * {@code WorkflowRunQuery.builder(workflowId).tag(key, requestId)}. A task start sent it in its title, as
 * the {@linkplain #getTitleToken() title token}: {@code GET /v1/runs?search_key=token}, or
 * {@code findRuns} with {@code RunQuery.builder().searchKey(token)}, keeping the runs whose title contains
 * the token. The start's own failure is this exception's suppressed exception; the lookup's failure is
 * its cause.
 *
 * @since 0.1.0
 */
public class SkyvernRunStartUnknownException extends SkyvernException {

	/** The workflow the run was started for, or {@code null} for a task run. */
	private final @Nullable String workflowId;

	/** The {@code run_metadata} key that holds the request id. */
	private final String requestIdKey;

	/** The client request id the start sent. */
	private final String requestId;

	/** The token a task start put in its title, or {@code null} for a workflow run. */
	private final @Nullable String titleToken;

	/**
	 * Create a new exception.
	 * @param workflowId the workflow the run was started for
	 * @param requestIdKey the {@code run_metadata} key that holds the request id
	 * @param requestId the client request id the start sent
	 * @param startFailure how the start failed
	 * @param lookupFailure how the lookup failed
	 */
	public SkyvernRunStartUnknownException(String workflowId, String requestIdKey, String requestId,
			Throwable startFailure, Throwable lookupFailure) {
		this("Starting a run of workflow " + workflowId + " failed (" + withoutHint(startFailure)
				+ "), and looking it up by run_metadata " + requestIdKey + "=" + requestId + " failed too ("
				+ lookupFailure.getMessage() + "). The run may or may not exist, so it was not started again: "
				+ "look it up with GET /v1/agents/" + workflowId + "/runs?tags=" + requestIdKey + ":" + requestId
				+ " before starting it again", workflowId, requestIdKey, requestId, null, startFailure, lookupFailure);
	}

	private SkyvernRunStartUnknownException(String message, @Nullable String workflowId, String requestIdKey,
			String requestId, @Nullable String titleToken, Throwable startFailure, Throwable lookupFailure) {
		super(message, null, lookupFailure);
		addSuppressed(startFailure);
		this.workflowId = workflowId;
		this.requestIdKey = requestIdKey;
		this.requestId = requestId;
		this.titleToken = titleToken;
	}

	/**
	 * Create the exception for a task start, which carried its request id in its title.
	 * @param titleToken the token the task's title carried, such as {@code [client-request-id:3f2a...]}
	 * @param requestIdKey the key the token names
	 * @param requestId the client request id the start sent
	 * @param startFailure how the start failed
	 * @param lookupFailure how the lookup failed
	 * @return the exception
	 */
	public static SkyvernRunStartUnknownException forTask(String titleToken, String requestIdKey, String requestId,
			Throwable startFailure, Throwable lookupFailure) {
		return new SkyvernRunStartUnknownException("Starting a task run failed (" + withoutHint(startFailure)
				+ "), and looking it up by its title token " + titleToken + " failed too (" + lookupFailure.getMessage()
				+ "). The run may or may not exist, so it was not started again: look it up with GET /v1/runs"
				+ "?search_key=" + titleToken + " (runs whose title contains the token) before starting it again",
				null, requestIdKey, requestId, titleToken, startFailure, lookupFailure);
	}

	/**
	 * Return a failure's message without the advice a run start failure carries (list the runs before
	 * starting again), for messages that give their own.
	 * @param failure the failure
	 * @return its message without {@link #RUN_MAY_EXIST_HINT}
	 */
	public static String withoutHint(Throwable failure) {
		String message = String.valueOf(failure.getMessage());
		return message.replace(". " + RUN_MAY_EXIST_HINT, "");
	}

	@Override
	public boolean runMayHaveBeenCreated() {
		return true;
	}

	/**
	 * Return the workflow the run was started for.
	 * @return the workflow id, or {@code null} for a task run start
	 */
	public @Nullable String getWorkflowId() {
		return this.workflowId;
	}

	/**
	 * Return the token a task start put in its title, to look the run up with {@code search_key}.
	 * @return the token, or {@code null} for a workflow run start
	 */
	public @Nullable String getTitleToken() {
		return this.titleToken;
	}

	/**
	 * Return the {@code run_metadata} key (and run tag) that holds the request id; for a task start, the
	 * key its title token names.
	 * @return the key
	 */
	public String getRequestIdKey() {
		return this.requestIdKey;
	}

	/**
	 * Return the client request id the start sent, to look the run up later.
	 * @return the request id
	 */
	public String getRequestId() {
		return this.requestId;
	}

}
