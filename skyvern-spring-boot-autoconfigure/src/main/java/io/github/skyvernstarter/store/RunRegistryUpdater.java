package io.github.skyvernstarter.store;

import java.time.Clock;

import io.github.skyvernstarter.client.SkyvernRunStartListener;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps the {@link SkyvernRunRegistry} in step: records each run the templates start, and forgets a
 * run once its event was published, after every listener of the application returned.
 *
 * @since 0.1.0
 */
public final class RunRegistryUpdater implements SkyvernRunStartListener {

	private static final Log logger = LogFactory.getLog(RunRegistryUpdater.class);

	private final SkyvernRunRegistry registry;

	private final Clock clock;

	/**
	 * Create an updater.
	 * @param registry the registry
	 * @param clock the clock of start times
	 */
	public RunRegistryUpdater(SkyvernRunRegistry registry, Clock clock) {
		this.registry = registry;
		this.clock = clock;
	}

	@Override
	public Mono<Void> runStarted(SkyvernRun run, RunWorkflowRequest request) {
		return register(run);
	}

	@Override
	public Mono<Void> taskStarted(SkyvernRun run, TaskRunRequest request) {
		return register(run);
	}

	private Mono<Void> register(SkyvernRun run) {
		Mono<Void> register = Mono.fromRunnable(() -> this.registry.register(run.runId(), this.clock.instant()));
		// A shared registry may block (JDBC, Redis): never on the caller's event loop. The in-memory one
		// does not, and a hop to another thread would cost each run start more than the registration.
		return (this.registry instanceof InMemorySkyvernRunRegistry) ? register
				: register.subscribeOn(Schedulers.boundedElastic()).then();
	}

	/**
	 * Forget the run of an event that every listener handled; a failure is logged only, since the
	 * event was handled, and the reconciler then finds the run published already.
	 * @param event the event
	 */
	@EventListener
	@Order(Ordered.LOWEST_PRECEDENCE)
	public void runFinished(SkyvernRunFinishedEvent event) {
		try {
			this.registry.remove(event.getRunId());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not remove run " + event.getRunId() + " from the Skyvern run registry: " + ex);
		}
	}

}
