package io.github.skyvernstarter.client;

import java.time.Duration;

import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Tells waits that a run finished without polling, for example from a verified run-finished webhook.
 * A wait finishes on whichever comes first: this source or polling.
 *
 * @since 0.1.0
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
	 * Return the poll interval for a run whose notification this source expects, so that polling only
	 * guards against a lost notification; a run whose {@code webhook_url} goes elsewhere, or that has
	 * none, is polled at {@code skyvern.poll-interval}.
	 * @param webhookUrl the run's {@code webhook_url}, or {@code null} when it has none or it is not
	 * known
	 * @return the slower fallback poll interval, or {@code null} to keep {@code skyvern.poll-interval}
	 */
	default @Nullable Duration fallbackPollInterval(@Nullable String webhookUrl) {
		return null;
	}

}
