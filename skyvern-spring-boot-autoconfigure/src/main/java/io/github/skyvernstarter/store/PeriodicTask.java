package io.github.skyvernstarter.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Runs a blocking job at a fixed interval on a thread of its own while the application runs; a
 * failing run of the job is logged at most once a minute and the next run happens as planned.
 *
 * @since 0.1.0
 */
public final class PeriodicTask implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PeriodicTask.class);

	private static final long WARNING_SPACING_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final String name;

	private final Duration interval;

	private final Runnable job;

	private @Nullable ScheduledExecutorService scheduler;

	private long lastWarning = System.nanoTime() - WARNING_SPACING_NANOS;

	/**
	 * Create a task.
	 * @param name the thread's name, also in the log
	 * @param interval the time between two runs, the first one interval after the start
	 * @param job the job
	 */
	public PeriodicTask(String name, Duration interval, Runnable job) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("Interval must be positive");
		}
		this.name = name;
		this.interval = interval;
		this.job = job;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler == null) {
			// A plain thread, not a Reactor one: jobs block on the store and on Skyvern's answers.
			ScheduledExecutorService single = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, this.name);
				thread.setDaemon(true);
				return thread;
			});
			long millis = this.interval.toMillis();
			single.scheduleWithFixedDelay(this::runOnce, millis, millis, TimeUnit.MILLISECONDS);
			this.scheduler = single;
		}
	}

	private void runOnce() {
		try {
			this.job.run();
		}
		catch (RuntimeException ex) {
			long now = System.nanoTime();
			if (now - this.lastWarning >= WARNING_SPACING_NANOS) {
				this.lastWarning = now;
				logger.warn(this.name + " failed (logged at most once a minute): " + ex, ex);
			}
		}
	}

	@Override
	public synchronized void stop() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
		}
		this.scheduler = null;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.scheduler != null;
	}

}
