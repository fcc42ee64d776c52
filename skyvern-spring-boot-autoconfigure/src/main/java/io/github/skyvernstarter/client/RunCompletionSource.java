package io.github.skyvernstarter.client;

import java.time.Duration;

import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Tells waits that a run finished without polling, for example from a verified run-finished webhook.
 * A wait finishes on whichever comes first: this source or polling.
 */
public interface RunCompletionSource {

	/**
	 * Return the finished run as soon as this source learns of it.
	 * @param runId the run waited for
	 * @return emits the finished run, or never emits when this source does not learn of it; cancelled
	 * when the wait ends
	 */
	Mono<SkyvernRun> awaitFinished(String runId);

	/**
	 * Return the poll interval to use while this source is active: polling then only guards against
	 * a lost notification.
	 * @return the fallback poll interval, or {@code null} to keep {@code skyvern.poll-interval}
	 */
	default @Nullable Duration fallbackPollInterval() {
		return null;
	}

}
