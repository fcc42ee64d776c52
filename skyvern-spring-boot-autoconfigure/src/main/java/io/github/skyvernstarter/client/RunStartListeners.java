package io.github.skyvernstarter.client;

import java.util.List;
import java.util.function.Function;

import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link SkyvernRunStartListener}s of a template, told of each workflow or task run it started
 * before the start returns; a listener's failure is logged and does not fail the start, since the
 * run exists either way. Without listeners a start goes on untouched.
 */
final class RunStartListeners {

	private static final Log logger = LogFactory.getLog(RunStartListeners.class);

	private final List<SkyvernRunStartListener> listeners;

	RunStartListeners(List<SkyvernRunStartListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	Mono<SkyvernRun> afterStart(Mono<SkyvernRun> started, RunWorkflowRequest request) {
		return this.listeners.isEmpty() ? started
				: started.flatMap((run) -> tell(run, (listener) -> listener.runStarted(run, request)));
	}

	Mono<SkyvernRun> afterStart(Mono<SkyvernRun> started, TaskRunRequest request) {
		return this.listeners.isEmpty() ? started
				: started.flatMap((run) -> tell(run, (listener) -> listener.taskStarted(run, request)));
	}

	private Mono<SkyvernRun> tell(SkyvernRun run, Function<SkyvernRunStartListener, Mono<Void>> call) {
		return Flux.fromIterable(this.listeners)
			.concatMap((listener) -> call.apply(listener).onErrorResume((ex) -> {
				logger.warn("A run start listener failed for run " + run.runId(), ex);
				return Mono.empty();
			}))
			.then(Mono.just(run));
	}

}
