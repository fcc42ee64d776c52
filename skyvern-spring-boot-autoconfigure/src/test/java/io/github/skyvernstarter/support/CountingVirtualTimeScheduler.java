package io.github.skyvernstarter.support;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.awaitility.Awaitility.await;

/**
 * A virtual-time scheduler that counts the delays scheduled on it, so a test can tell when a wait
 * whose polls are real HTTP calls has scheduled its next poll, and only then move time on: nothing
 * sleeps, and no step depends on how fast the machine is.
 */
public final class CountingVirtualTimeScheduler implements Scheduler {

	private static final int MAX_STEPS = 10_000;

	private final VirtualTimeScheduler virtualTime = VirtualTimeScheduler.create();

	/**
	 * Held while time moves and while a task is scheduled: Reactor's VirtualTimeScheduler drains due
	 * tasks on whichever thread schedules or advances, so without it a poll answered on an HTTP thread
	 * could run the tasks of an advanceTimeBy after that call returned.
	 */
	private final Object lock = new Object();

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
		synchronized (this.lock) {
			this.virtualTime.advanceTimeBy(duration);
		}
	}

	/**
	 * Wait (in real time, for real HTTP calls to come back) until the given number of delays is
	 * pending: the work on this scheduler is parked on its timers and only time can move it on.
	 * @param delays the delays a parked wait holds, for example its timeout and its next poll
	 */
	public void awaitPending(int delays) {
		await().atMost(Duration.ofSeconds(30))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(1))
			.until(() -> pending() >= delays);
	}

	/**
	 * Run a blocking call on another thread and move time on by one step each time the call is parked
	 * on the given number of delays, until it returns: a wait that polls a real server then runs
	 * through minutes of polls without sleeping, however slowly the server answers.
	 * @param <T> the call's result
	 * @param call the call, for example a blocking {@code waitForCompletion}
	 * @param step how far to move time each time, for example the poll interval
	 * @param parkedDelays the delays pending while the call waits for time, for example 2 for a wait
	 * (its timeout and its next poll)
	 * @return the call's result
	 * @throws RuntimeException the call's own exception
	 */
	public <T> T drive(Callable<T> call, Duration step, int parkedDelays) {
		CompletableFuture<T> result = CompletableFuture.supplyAsync(() -> {
			try {
				return call.call();
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		});
		for (int steps = 0; steps < MAX_STEPS; steps++) {
			await().atMost(Duration.ofSeconds(30))
				.pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(1))
				.until(() -> result.isDone() || pending() >= parkedDelays);
			if (result.isDone()) {
				try {
					return result.join();
				}
				catch (CompletionException ex) {
					throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
				}
			}
			advanceTimeBy(step);
		}
		throw new IllegalStateException("Call did not return within " + MAX_STEPS + " steps of " + step);
	}

	public Duration elapsed() {
		return Duration.ofNanos(this.virtualTime.now(TimeUnit.NANOSECONDS));
	}

	@Override
	public Disposable schedule(Runnable task) {
		synchronized (this.lock) {
			return this.virtualTime.schedule(task);
		}
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		this.delays.incrementAndGet();
		this.pending.incrementAndGet();
		AtomicBoolean done = new AtomicBoolean();
		Disposable scheduled;
		synchronized (this.lock) {
			scheduled = this.virtualTime.schedule(() -> {
				if (done.compareAndSet(false, true)) {
					this.pending.decrementAndGet();
				}
				task.run();
			}, delay, unit);
		}
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
