package io.github.skyvernstarter.error;

import java.time.Duration;

import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;

/**
 * A wait for a run's final status ran out of time. The run itself goes on in Skyvern.
 *
 * @since 0.1.0
 */
public class SkyvernWaitTimeoutException extends SkyvernException {

	/** The last status seen, if any. */
	private final @Nullable RunStatus lastStatus;

	/** How long the wait lasted. */
	private final Duration timeout;

	/**
	 * Create a new exception.
	 * @param runId the run waited for
	 * @param lastStatus the last status seen, or {@code null} if none was seen
	 * @param timeout how long the wait lasted
	 */
	public SkyvernWaitTimeoutException(String runId, @Nullable RunStatus lastStatus, Duration timeout) {
		super("Run " + runId + " did not finish within " + timeout + " (last status seen: "
				+ ((lastStatus != null) ? lastStatus : "none")
				+ "). The run keeps running in Skyvern: wait again with waitForCompletion(\"" + runId
				+ "\", timeout), or cancel it with cancelRun(\"" + runId + "\")", runId, null);
		this.lastStatus = lastStatus;
		this.timeout = timeout;
	}

	@Override
	public String getRunId() {
		String runId = super.getRunId();
		return (runId != null) ? runId : "";
	}

	/**
	 * Return the last status seen before the wait ended.
	 * @return the status, or {@code null} if none was seen
	 */
	public @Nullable RunStatus getLastStatus() {
		return this.lastStatus;
	}

	/**
	 * Return how long the wait lasted.
	 * @return the wait timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
