package io.github.skyvernstarter.client;

import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import reactor.core.publisher.Mono;

/**
 * Told of every run the templates started (workflow runs, and task runs through
 * {@link #taskStarted}), before the start returns to the caller, for example to record it as in
 * flight until its run-finished event is published.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SkyvernRunStartListener {

	/**
	 * Take note of a run just started; an error is logged and does not fail the start, since the run
	 * exists either way.
	 * @param run Skyvern's answer to the start
	 * @param request the request sent
	 * @return completes when noted
	 */
	Mono<Void> runStarted(SkyvernRun run, RunWorkflowRequest request);

	/**
	 * Take note of a task run just started; an error is logged and does not fail the start. Does
	 * nothing unless overridden.
	 * @param run Skyvern's answer to the start
	 * @param request the request sent
	 * @return completes when noted
	 */
	default Mono<Void> taskStarted(SkyvernRun run, TaskRunRequest request) {
		return Mono.empty();
	}

}
