package io.github.skyvernstarter.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A virtual-time scheduler that counts the delays scheduled on it, so a test can tell when a wait
 * whose polls are real HTTP calls has scheduled its next poll, and only then move time on.
 */
public final class CountingVirtualTimeScheduler implements Scheduler {

	private final VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();

	private final AtomicInteger delays = new AtomicInteger();

	private final AtomicInteger pending = new AtomicInteger();

	public int delays() {
		return this.delays.get();
	}

	/**
	 * Return the delays scheduled that have neither run nor been cancelled. A delay that falls due
	 * leaves this count inside {@link #advanceTimeBy(Duration)}, before its task's HTTP call.
	 */
	public int pending() {
		return this.pending.get();
	}

	public void advanceTimeBy(Duration duration) {
		this.virtualTime.advanceTimeBy(duration);
	}

	public Duration elapsed() {
		return Duration.ofNanos(this.virtualTime.now(TimeUnit.NANOSECONDS));
	}

	@Override
	public Disposable schedule(Runnable task) {
		return this.virtualTime.schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		this.delays.incrementAndGet();
		this.pending.incrementAndGet();
		AtomicBoolean done = new AtomicBoolean();
		Disposable scheduled = this.virtualTime.schedule(() -> {
			if (done.compareAndSet(false, true)) {
				this.pending.decrementAndGet();
			}
			task.run();
		}, delay, unit);
		return new Disposable() {

			@Override
			public void dispose() {
				if (done.compareAndSet(false, true)) {
					CountingVirtualTimeScheduler.this.pending.decrementAndGet();
				}
				scheduled.dispose();
			}

			@Override
			public boolean isDisposed() {
				return scheduled.isDisposed();
			}

		};
	}

	@Override
	public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
		return this.virtualTime.schedulePeriodically(task, initialDelay, period, unit);
	}

	@Override
	public long now(TimeUnit unit) {
		return this.virtualTime.now(unit);
	}

	@Override
	public Worker createWorker() {
		return this.virtualTime.createWorker();
	}

	@Override
	public void dispose() {
		this.virtualTime.dispose();
	}

	@Override
	public boolean isDisposed() {
		return this.virtualTime.isDisposed();
	}

}
