package io.github.skyvernstarter.autoconfigure;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.scheduler.NonBlocking;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The executor of the JDK {@code HttpClient} the starter builds for itself: a fixed number of daemon
 * threads, whatever the number of calls in flight.
 * <p>
 * The JDK's default executor is a cached thread pool: with thousands of waits it grew to hundreds of
 * threads, each finished exchange handing its body and completion to a new or waking thread. Here
 * the work queues instead. The threads are {@link NonBlocking}, like Reactor Netty's event loops, so
 * that a {@code block()} called on one of them fails at once instead of starving the pool; idle
 * threads end after a minute.
 */
final class JdkHttpClientExecutor {

	private static final AtomicInteger POOLS = new AtomicInteger();

	private JdkHttpClientExecutor() {
	}

	/**
	 * Create an executor of {@code max(4, available processors)} threads.
	 * @return the executor
	 */
	static Executor create() {
		int threads = Math.max(4, Runtime.getRuntime().availableProcessors());
		ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), new Threads("skyvern-http-" + POOLS.incrementAndGet() + "-"));
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * Whether the JDK completes each {@code sendAsync} on a thread of its own: Java 17 to 23 complete
	 * it on {@code CompletableFuture}'s default executor, which starts a new thread per task when the
	 * common pool's parallelism is below 2 (fewer than 3 cores); from Java 24 it is the common pool.
	 * @return {@code true} on such a runtime
	 */
	static boolean completesOnThreadPerTask() {
		return Runtime.version().feature() < 24 && ForkJoinPool.getCommonPoolParallelism() < 2;
	}

	/**
	 * Return a connector whose responses are processed on the given executor: the thread the JDK
	 * completes the exchange on only hands the response over, and ends at once.
	 * @param connector the JDK connector
	 * @param executor the client's executor
	 * @return the connector
	 */
	static ClientHttpConnector handOff(ClientHttpConnector connector, Executor executor) {
		Scheduler scheduler = Schedulers.fromExecutor(executor);
		return (method, uri, requestCallback) -> connector.connect(method, uri, requestCallback).publishOn(scheduler);
	}

	private static final class Threads implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		Threads(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new NonBlockingThread(task, this.prefix + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

	private static final class NonBlockingThread extends Thread implements NonBlocking {

		NonBlockingThread(Runnable task, String name) {
			super(task, name);
		}

	}

}
