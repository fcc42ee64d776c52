package io.github.skyvernstarter.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A scheduler that records every delay asked of it and runs the task at once, like openai-java's
 * recording sleeper: a test asserts the exact delays (a back-off, a {@code Retry-After}) and nothing
 * waits for them.
 */
public final class RecordingScheduler implements Scheduler {

	private final Scheduler runner = Schedulers.parallel();

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	/**
	 * Return the delays asked for so far, in order.
	 * @return the delays
	 */
	public List<Duration> delays() {
		return List.copyOf(this.delays);
	}

	@Override
	public Disposable schedule(Runnable task) {
		return this.runner.schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
		return this.runner.schedule(task);
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		throw new UnsupportedOperationException("Periodic tasks would never end without waiting");
	}

	@Override
	public Worker createWorker() {
		Worker worker = this.runner.createWorker();
		return new Worker() {

			@Override
			public Disposable schedule(Runnable task) {
				return worker.schedule(task);
			}

			@Override
			public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
				RecordingScheduler.this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
				return worker.schedule(task);
			}

			@Override
			public void dispose() {
				worker.dispose();
			}

			@Override
			public boolean isDisposed() {
				return worker.isDisposed();
			}

		};
	}

}
