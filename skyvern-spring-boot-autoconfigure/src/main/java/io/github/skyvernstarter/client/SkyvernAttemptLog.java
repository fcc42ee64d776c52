package io.github.skyvernstarter.client;

import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Writes one DEBUG line per HTTP attempt: the call, the run, the status or failure reason and the
 * time taken. Never headers or bodies, so never the API key or a payload.
 */
final class SkyvernAttemptLog {

	private static final Log logger = LogFactory.getLog(SkyvernApiClient.class);

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

	private static void write(SkyvernOperation operation, @Nullable String runId, String outcome, long start) {
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		logger.debug("Skyvern " + operation.describe() + ((runId != null) ? " for run " + runId : "") + " "
				+ outcome + " in " + millis + " ms");
	}

}
