package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;

import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernRunStartUnknownException;
import io.github.skyvernstarter.model.SkyvernRun;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * What workflow and task starts share to be exactly-once: a start that carries a client request id and
 * fails ambiguously (a 5xx, a 408, a response timeout, a connection lost after sending) waits the grace
 * period, looks the id up, returns the run found (read with {@code GET /v1/runs/{runId}}), and is sent
 * again (with the same id) only if the lookup shows no run. A lookup that fails ends in a
 * {@link SkyvernRunStartUnknownException} carrying the id.
 * <p>
 * The residual race: a start still being processed by Skyvern when the lookup runs is not found yet, and
 * is sent again; the grace period makes this unlikely, not impossible.
 */
final class RunStartLookup {

	/** The most times one call sends a start again after lookups that found no run. */
	static final int MAX_RESENDS = 2;

	private static final Log logger = LogFactory.getLog(ReactiveSkyvernWorkflowTemplate.class);

	private final SkyvernApiClient client;

	private final Duration gracePeriod;

	private final Scheduler timer;

	RunStartLookup(SkyvernApiClient client, Duration gracePeriod, Scheduler timer) {
		this.client = client;
		this.gracePeriod = gracePeriod;
		this.timer = timer;
	}

	/**
	 * Send a start, resolving an ambiguous failure by the lookup.
	 * @param start the start, carrying its request id
	 * @param options options for each call
	 * @return the run started, or the one the lookup found
	 */
	Mono<SkyvernRun> send(Start start, RequestOptions options) {
		return send(start, options, 0);
	}

	private Mono<SkyvernRun> send(Start start, RequestOptions options, int resends) {
		return start.send()
			.onErrorResume(RunStartLookup::isAmbiguous, (failure) -> Mono.delay(this.gracePeriod, this.timer)
				.then(start.lookUp())
				.onErrorMap((lookupFailure) -> start.unknown(failure, lookupFailure))
				.flatMap((runIds) -> found(start, runIds, failure, options))
				.switchIfEmpty(Mono.defer(() -> sendAgain(start, options, resends, failure))));
	}

	private Mono<SkyvernRun> found(Start start, List<String> runIds, Throwable failure, RequestOptions options) {
		if (runIds.isEmpty()) {
			return Mono.empty();
		}
		// Newest first: the oldest run is the one the first send created.
		String runId = runIds.get(runIds.size() - 1);
		if (runIds.size() > 1) {
			logger.warn(runIds.size() + " runs of " + start.description() + " carry client request id "
					+ start.requestId() + " (a start was sent again while Skyvern still processed the first): "
					+ "returning " + runId);
		}
		else {
			logger.info("Run start of " + start.description() + " failed ("
					+ SkyvernRunStartUnknownException.withoutHint(failure) + "), but run " + runId
					+ " carries its client request id " + start.requestId() + ": using it");
		}
		return this.client.getRun(runId, options);
	}

	private Mono<SkyvernRun> sendAgain(Start start, RequestOptions options, int resends, Throwable failure) {
		if (resends >= MAX_RESENDS) {
			return Mono.error(failure);
		}
		logger.warn("Run start of " + start.description() + " failed ("
				+ SkyvernRunStartUnknownException.withoutHint(failure) + ") and no run carries its client request id "
				+ start.requestId() + ": sending it again");
		return send(start, options, resends + 1);
	}

	/**
	 * Whether the failure leaves the run's existence unknown: the request may have reached Skyvern and
	 * no answer says what it did. A 408 counts too: it can come from a proxy after Skyvern got the
	 * request.
	 */
	static boolean isAmbiguous(Throwable failure) {
		return failure instanceof SkyvernException ex && (ex.runMayHaveBeenCreated()
				|| (failure instanceof SkyvernApiException api && api.getStatusCode() == 408));
	}

	/**
	 * One start that carries a client request id Skyvern keeps with the run it creates.
	 */
	interface Start {

		/**
		 * Return what the logs call the start's runs, such as {@code workflow wpid_1}.
		 * @return the description
		 */
		String description();

		/**
		 * Return the client request id the start carries.
		 * @return the request id
		 */
		String requestId();

		/**
		 * Send the start, the same each time.
		 * @return the run Skyvern answers with
		 */
		Mono<SkyvernRun> send();

		/**
		 * Look up the runs that carry the request id.
		 * @return their ids, newest first; empty when there is none
		 */
		Mono<List<String>> lookUp();

		/**
		 * Return the failure of a start whose lookup failed too.
		 * @param startFailure how the start failed
		 * @param lookupFailure how the lookup failed
		 * @return the failure
		 */
		SkyvernRunStartUnknownException unknown(Throwable startFailure, Throwable lookupFailure);

	}

}
