package io.github.skyvernstarter.observation;

import java.time.Duration;

import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;

/**
 * Told of run starts, run finishes and waits by {@link ObservationSkyvernInstrumentation}, for the
 * metrics an observation cannot give: counts by final status, the run's own duration, waits in
 * progress. {@link MicrometerSkyvernMetrics} records them in a Micrometer {@code MeterRegistry}.
 *
 * @since 0.1.0
 */
public interface SkyvernMetrics {

	/**
	 * Called when Skyvern created a run.
	 * @param workflowId the run's workflow
	 * @param run the created run
	 */
	default void runStarted(String workflowId, SkyvernRun run) {
	}

	/**
	 * Called when a wait saw a run's final status.
	 * @param workflowId the run's workflow, or {@code null} when unknown
	 * @param run the finished run
	 * @param runDuration the time from the run's creation to its finish by its own timestamps, or
	 * {@code null} when Skyvern did not send both
	 */
	default void runFinished(@Nullable String workflowId, SkyvernRun run, @Nullable Duration runDuration) {
	}

	/**
	 * Called when a wait for a run's final status begins.
	 */
	default void waitStarted() {
	}

	/**
	 * Called when a wait for a run's final status ends, however it ends.
	 */
	default void waitEnded() {
	}

	/**
	 * Return metrics that record nothing.
	 * @return the no-op metrics
	 */
	static SkyvernMetrics none() {
		return new SkyvernMetrics() {

		};
	}

}
