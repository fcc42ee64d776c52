package io.github.skyvernstarter.client;

import java.util.List;

import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Starts task runs for {@link ReactiveSkyvernWorkflowTemplate}: fills a missing {@code webhook_url}
 * with the receiver's, observes the start like a workflow run start (as workflow {@code task}), tells
 * the {@link SkyvernRunStartListener}s (the run registry records it as in flight), and waits like a
 * workflow run when the request asks to.
 * <p>
 * A task start that fails ambiguously is never sent again: tasks carry no {@code run_metadata}, so
 * there is no tag to look the start up by (see the exactly-once documentation for why the title token
 * and {@code search_key} are not used).
 */
final class TaskRunStarter {

	private static final Log logger = LogFactory.getLog(TaskRunStarter.class);

	/** What task runs are observed as, in place of a workflow id. */
	static final String TASK = "task";

	private final SkyvernApiClient client;

	private final RunWaiter waiter;

	private final SkyvernInstrumentation instrumentation;

	private final @Nullable String webhookUrl;

	private final List<SkyvernRunStartListener> startListeners;

	TaskRunStarter(SkyvernApiClient client, RunWaiter waiter, SkyvernInstrumentation instrumentation,
			@Nullable String webhookUrl, List<SkyvernRunStartListener> startListeners) {
		this.client = client;
		this.waiter = waiter;
		this.instrumentation = instrumentation;
		this.webhookUrl = webhookUrl;
		this.startListeners = List.copyOf(startListeners);
	}

	Mono<SkyvernRun> start(TaskRunRequest request, RequestOptions options) {
		return Mono.defer(() -> {
			TaskRunRequest toSend = (request.webhookUrl() == null && this.webhookUrl != null)
					? request.withWebhookUrl(this.webhookUrl) : request;
			Mono<SkyvernRun> started = this.instrumentation.run(TASK, this.client.runTask(toSend, options))
				.flatMap((run) -> noteStarted(run, toSend));
			if (!toSend.waitForCompletion()) {
				return started;
			}
			// Detached, as for workflow runs: a long wait does not keep the finished POST exchange reachable.
			return started.onTerminateDetach()
				.flatMap((run) -> this.waiter.afterStart(run, TASK, toSend.webhookUrl(), toSend.waitTimeout(),
						options));
		});
	}

	private Mono<SkyvernRun> noteStarted(SkyvernRun run, TaskRunRequest request) {
		return Flux.fromIterable(this.startListeners)
			.concatMap((listener) -> listener.taskStarted(run, request).onErrorResume((ex) -> {
				logger.warn("A run start listener failed for task run " + run.runId(), ex);
				return Mono.empty();
			}))
			.then(Mono.just(run));
	}

}
