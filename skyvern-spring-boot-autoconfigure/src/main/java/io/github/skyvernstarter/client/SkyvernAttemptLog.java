package io.github.skyvernstarter.client;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Writes one DEBUG line per HTTP attempt: the call, the run, the status or failure reason and the
 * time taken. Never headers or bodies, so never the API key or a payload.
 * <p>
 * Also takes the errors an HTTP client reports after its exchange was cancelled, which Reactor would
 * otherwise log at ERROR as "Operator called default onErrorDropped".
 */
final class SkyvernAttemptLog {

	private static final Log logger = LogFactory.getLog(SkyvernApiClient.class);

	/**
	 * Reactor's context key for a hook on errors dropped in one sequence only
	 * ({@code Hooks.KEY_ON_ERROR_DROPPED}, which Reactor does not make public).
	 */
	private static final String ON_ERROR_DROPPED = "reactor.onErrorDropped.local";

	private static final Consumer<Throwable> AFTER_CANCEL = (ex) -> {
		if (logger.isDebugEnabled()) {
			logger.debug("Skyvern HTTP exchange failed after it was cancelled (nobody waits for it): " + ex);
		}
	};

	private SkyvernAttemptLog() {
	}

	static <T> Mono<T> log(SkyvernOperation operation, @Nullable String runId, Mono<T> attempt) {
		if (!logger.isDebugEnabled()) {
			return attempt;
		}
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return attempt.doOnSuccess((result) -> write(operation, runId, "succeeded", start))
				.doOnError((failure) -> write(operation, runId, "failed (" + SkyvernFailureReason.of(failure) + ")",
						start));
		});
	}

	/**
	 * Take the errors dropped in one exchange: once a response timeout, the end of a wait or the
	 * caller cancelled it, the JDK's client still fails the cancelled request ({@code CancellationException}
	 * wrapped so that Reactor does not recognise it), and Reactor Netty may fail a body that was
	 * released during the cancellation. Nobody waits for these; a global hook would hide other code's
	 * errors too.
	 * @param context the exchange's context
	 * @return the context with the hook
	 */
	static Context quietAfterCancel(Context context) {
		return context.put(ON_ERROR_DROPPED, AFTER_CANCEL);
	}

	private static void write(SkyvernOperation operation, @Nullable String runId, String outcome, long start) {
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		logger.debug("Skyvern " + operation.describe() + ((runId != null) ? " for run " + runId : "") + " "
				+ outcome + " in " + millis + " ms");
	}

}
