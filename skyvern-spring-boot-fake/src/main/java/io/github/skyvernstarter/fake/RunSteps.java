package io.github.skyvernstarter.fake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Moves runs on: one step per status poll (so a test decides how far a run gets), or one step per
 * fixed interval from its start, as on a real server.
 */
final class RunSteps {

	private final FakeState state;

	private final @Nullable Duration interval;

	private final Scheduler scheduler;

	private final Consumer<FakeRun> finished;

	/**
	 * @param interval the time between two steps, or {@code null} to step on each poll
	 * @param finished told when a run reaches its final status by a step
	 */
	RunSteps(FakeState state, @Nullable Duration interval, Scheduler scheduler, Consumer<FakeRun> finished) {
		this.state = state;
		this.interval = interval;
		this.scheduler = scheduler;
		this.finished = finished;
	}

	void started(FakeRun run) {
		if (this.interval != null) {
			scheduleStep(run, this.interval);
		}
	}

	FakeRun.Snapshot polled(FakeRun run) {
		if (this.interval == null && run.step(this.state.now())) {
			this.finished.accept(run);
		}
		return run.snapshot();
	}

	private void scheduleStep(FakeRun run, Duration interval) {
		this.scheduler.schedule(() -> {
			if (run.step(this.state.now())) {
				this.finished.accept(run);
			}
			else if (!run.snapshot().status().isFinal()) {
				scheduleStep(run, interval);
			}
		}, interval.toNanos(), TimeUnit.NANOSECONDS);
	}

}
