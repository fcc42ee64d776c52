package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Ends HTTP attempts that have not answered in full by their deadline, with one timer for all of
 * them instead of one timer task per attempt.
 * <p>
 * Reactor's {@code timeout(Duration)} schedules a task when an attempt starts and cancels it when the
 * attempt ends: with the default timeout of a minute and answers in milliseconds, that is two
 * operations on the scheduler's delay queue and a wake-up of its thread per call, most of the cost of
 * a call on loopback. Here an attempt only joins and leaves an ordered set; a single check is
 * scheduled for the earliest deadline, and since later attempts have later deadlines (unless one asks
 * for a shorter timeout), it rarely needs to be moved. When the check runs it ends the attempts that
 * are due and schedules itself for the next deadline. Times are the scheduler's
 * {@link Scheduler#now(TimeUnit)}, so a virtual-time scheduler drives it in tests.
 */
final class ResponseDeadlines {

	private final Scheduler timer;

	private final ConcurrentSkipListSet<Deadline> pending = new ConcurrentSkipListSet<>();

	private final AtomicLong sequence = new AtomicLong();

	private final Object lock = new Object();

	/** When the earliest scheduled check runs, in the timer's nanoseconds; {@code MAX_VALUE} for none. */
	private volatile long nextCheck = Long.MAX_VALUE;

	ResponseDeadlines(Scheduler timer) {
		this.timer = timer;
	}

	/**
	 * Fail the attempt with a {@link java.util.concurrent.TimeoutException} unless it ends within the
	 * timeout, counted from each subscription.
	 * @param <T> the attempt's value
	 * @param attempt the attempt
	 * @param timeout the time allowed
	 * @return the attempt, bounded in time
	 */
	<T> Mono<T> within(Mono<T> attempt, Duration timeout) {
		// The expiry first: it joins the set before the attempt sends anything, and whichever signals
		// first cancels the other (an attempt that ends takes its deadline out of the set).
		return Mono.firstWithSignal(new Expiry<>(this, nanos(timeout)), attempt);
	}

	private void add(Deadline deadline) {
		this.pending.add(deadline);
		if (deadline.at < this.nextCheck) {
			scheduleCheck(deadline.at);
		}
	}

	private static long nanos(Duration timeout) {
		try {
			return Math.max(0, timeout.toNanos());
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE;
		}
	}

	private long now() {
		return this.timer.now(TimeUnit.NANOSECONDS);
	}

	private void scheduleCheck(long at) {
		synchronized (this.lock) {
			if (at >= this.nextCheck) {
				return;
			}
			this.nextCheck = at;
		}
		this.timer.schedule(this::check, Math.max(0, at - now()), TimeUnit.NANOSECONDS);
	}

	private void check() {
		synchronized (this.lock) {
			this.nextCheck = Long.MAX_VALUE;
		}
		long now = now();
		for (Deadline deadline : this.pending) {
			if (deadline.at > now) {
				scheduleCheck(deadline.at);
				return;
			}
			if (this.pending.remove(deadline)) {
				deadline.expire();
			}
		}
	}

	/**
	 * Fails its subscriber with a {@link TimeoutException} at the deadline, unless cancelled first.
	 */
	private static final class Expiry<T> extends Mono<T> {

		private final ResponseDeadlines deadlines;

		private final long nanos;

		Expiry(ResponseDeadlines deadlines, long nanos) {
			this.deadlines = deadlines;
			this.nanos = nanos;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			long start = this.deadlines.now();
			long at = (this.nanos > Long.MAX_VALUE - start) ? Long.MAX_VALUE : start + this.nanos;
			Deadline deadline = new Deadline(this.deadlines, at, this.deadlines.sequence.incrementAndGet(), actual);
			actual.onSubscribe(deadline);
			this.deadlines.add(deadline);
		}

	}

	private static final class Deadline implements Comparable<Deadline>, Subscription {

		private final ResponseDeadlines deadlines;

		private final long at;

		private final long sequence;

		private final CoreSubscriber<?> actual;

		private final AtomicBoolean done = new AtomicBoolean();

		Deadline(ResponseDeadlines deadlines, long at, long sequence, CoreSubscriber<?> actual) {
			this.deadlines = deadlines;
			this.at = at;
			this.sequence = sequence;
			this.actual = actual;
		}

		void expire() {
			if (this.done.compareAndSet(false, true)) {
				this.actual.onError(new TimeoutException("No complete answer within the response timeout"));
			}
		}

		@Override
		public void request(long n) {
		}

		@Override
		public void cancel() {
			if (this.done.compareAndSet(false, true)) {
				this.deadlines.pending.remove(this);
			}
		}

		@Override
		public int compareTo(Deadline other) {
			int byTime = Long.compare(this.at, other.at);
			return (byTime != 0) ? byTime : Long.compare(this.sequence, other.sequence);
		}

	}

}
