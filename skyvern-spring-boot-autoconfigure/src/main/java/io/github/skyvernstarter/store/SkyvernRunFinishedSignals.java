package io.github.skyvernstarter.store;

import java.util.Set;

import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;

/**
 * Tells every instance that a run's webhook arrived at one of them, so that a wait on any instance
 * finishes within seconds without asking Skyvern more often.
 *
 * @since 0.1.0
 */
public interface SkyvernRunFinishedSignals {

	/**
	 * Start telling the listener of runs that finished, wherever their webhook arrived.
	 * @param listener the listener
	 */
	void start(Listener listener);

	/**
	 * Tell every instance that a run finished, keeping the run for a while for waits that start late.
	 * @param run the finished run
	 */
	void publish(SkyvernRun run);

	/**
	 * Stop telling the listener; no call is made after this returns.
	 */
	void stop();

	/**
	 * Note that a wait for a run started here, so that a webhook that arrived just before is found.
	 * @param runId the run waited for
	 */
	default void watch(String runId) {
	}

	/**
	 * Told of finished runs.
	 *
	 * @since 0.1.0
	 */
	interface Listener {

		/**
		 * Return the runs waited for on this instance now.
		 * @return the run ids
		 */
		Set<String> waitedRunIds();

		/**
		 * Take note that a run's final webhook arrived at some instance.
		 * @param runId the run id
		 * @param run the run as that instance received it, or {@code null} when the store does not
		 * keep it (too large): it is then read from Skyvern
		 */
		void finished(String runId, @Nullable SkyvernRun run);

	}

}
