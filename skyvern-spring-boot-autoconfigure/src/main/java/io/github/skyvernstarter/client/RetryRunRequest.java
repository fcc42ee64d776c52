package io.github.skyvernstarter.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A request to run a finished workflow run again: Skyvern starts a new run of the same workflow
 * version with the stored parameters, webhook and 2FA settings. Immutable; each {@code with} method
 * returns a copy.
 *
 * @param runId the finished workflow run ({@code wr_...}) to run again
 * @param waitForCompletion whether the call waits for the new run's final status
 * @param waitTimeout the longest wait, or {@code null} for {@code skyvern.wait-timeout}
 * @param maxStepsOverride the step limit of the new run, or {@code null} for the workflow's
 * @since 0.1.0
 */
public record RetryRunRequest(String runId, boolean waitForCompletion, @Nullable Duration waitTimeout,
		@Nullable Integer maxStepsOverride) {

	/**
	 * Create a request.
	 * @param runId the finished workflow run to run again
	 * @param waitForCompletion whether the call waits for the new run's final status
	 * @param waitTimeout the longest wait, or {@code null} for the default
	 * @param maxStepsOverride the step limit of the new run, or {@code null}
	 * @throws IllegalArgumentException if the run id is blank or the timeout not positive
	 */
	public RetryRunRequest {
		if (runId == null || runId.isBlank()) {
			throw new IllegalArgumentException("runId must not be blank");
		}
		if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
			throw new IllegalArgumentException("Wait timeout must be positive");
		}
	}

	/**
	 * Return a request to run the given run again without waiting.
	 * @param runId the finished workflow run
	 * @return the request
	 */
	public static RetryRunRequest of(String runId) {
		return new RetryRunRequest(runId, false, null, null);
	}

	/**
	 * Return a copy that waits for the new run's final status for at most the given time.
	 * @param timeout the longest wait, or {@code null} for {@code skyvern.wait-timeout}
	 * @return the copy
	 */
	public RetryRunRequest withWait(@Nullable Duration timeout) {
		return new RetryRunRequest(this.runId, true, timeout, this.maxStepsOverride);
	}

	/**
	 * Return a copy with the given step limit ({@code x-max-steps-override}).
	 * @param maxSteps the step limit
	 * @return the copy
	 */
	public RetryRunRequest withMaxStepsOverride(int maxSteps) {
		return new RetryRunRequest(this.runId, this.waitForCompletion, this.waitTimeout, maxSteps);
	}

}
