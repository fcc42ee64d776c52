package io.github.skyvernstarter.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

import org.jspecify.annotations.Nullable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;

/**
 * Waits for the result of a call on the blocking face.
 * <p>
 * On a {@link ForkJoinPool} worker (the common pool's, as in {@code CompletableFuture.supplyAsync}
 * or a parallel stream) the wait is a managed block, so that the pool adds a worker while this one
 * waits. On a machine with two cores the common pool has a single worker, and the JDK HttpClient of
 * Java 24 and later completes its exchanges on that pool: a plain block there waits for itself until
 * the response timeout.
 * <p>
 * Used by the starter's blocking faces ({@link SkyvernWorkflowTemplate}, the blocking file
 * downloader); applications do not need it.
 *
 * @since 0.1.0
 */
public final class Blocking {

	private Blocking() {
	}

	/**
	 * Subscribe to a call and wait for its result, as a managed block on a {@link ForkJoinPool}
	 * worker.
	 * @param <T> the result type
	 * @param mono the call
	 * @return its result, or {@code null} when it completed empty
	 */
	public static <T> @Nullable T block(Mono<T> mono) {
		if (!(Thread.currentThread() instanceof ForkJoinWorkerThread)) {
			return mono.block();
		}
		CompletableFuture<T> future = mono.toFuture();
		try {
			ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {

				@Override
				public boolean block() throws InterruptedException {
					try {
						future.get();
					}
					catch (ExecutionException | CancellationException ex) {
						// Thrown below, from join().
					}
					return true;
				}

				@Override
				public boolean isReleasable() {
					return future.isDone();
				}

			});
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw Exceptions.propagate(ex);
		}
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw Exceptions.propagate(cause);
		}
	}

}
