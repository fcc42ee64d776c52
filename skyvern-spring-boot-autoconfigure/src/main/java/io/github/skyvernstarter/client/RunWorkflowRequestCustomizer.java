package io.github.skyvernstarter.client;

import io.github.skyvernstarter.model.RunWorkflowRequest;

/**
 * Adjusts every run request before it is sent, for example to fill in a default webhook URL.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunWorkflowRequestCustomizer {

	/**
	 * Return the request to send in place of the given one.
	 * @param request the request as the caller built it
	 * @return the request to send
	 */
	RunWorkflowRequest customize(RunWorkflowRequest request);

}
