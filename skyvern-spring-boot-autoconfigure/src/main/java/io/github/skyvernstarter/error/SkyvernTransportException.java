package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * The call did not get an HTTP answer from Skyvern: the connection failed, was cut, or a time limit
 * was hit.
 *
 * @since 0.1.0
 */
public class SkyvernTransportException extends SkyvernException {

	/** The call that failed. */
	private final SkyvernOperation operation;

	/** What went wrong. */
	private final Kind kind;

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param kind what went wrong
	 * @param message the message
	 * @param runId the run concerned, if known
	 * @param cause the underlying failure
	 */
	public SkyvernTransportException(SkyvernOperation operation, Kind kind, String message, @Nullable String runId,
			@Nullable Throwable cause) {
		super(message, runId, cause);
		this.operation = operation;
		this.kind = kind;
	}

	@Override
	public boolean runMayHaveBeenCreated() {
		return this.operation.createsRun() && this.kind.requestMayHaveBeenSent();
	}

	/**
	 * Return the call that failed.
	 * @return the operation
	 */
	public SkyvernOperation getOperation() {
		return this.operation;
	}

	/**
	 * Return what went wrong.
	 * @return the kind of failure
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * What went wrong on the way to Skyvern.
	 */
	public enum Kind {

		/**
		 * No connection could be opened (refused, unknown host, connect timeout): the request was
		 * never sent.
		 */
		CONNECT,

		/**
		 * No complete answer within the response timeout; the request may have been processed.
		 */
		RESPONSE_TIMEOUT,

		/**
		 * The connection broke after it was opened; the request may have been processed.
		 */
		CONNECTION_LOST;

		/**
		 * Whether the request may have reached Skyvern.
		 * @return {@code false} only when no connection was opened
		 */
		public boolean requestMayHaveBeenSent() {
			return this != CONNECT;
		}

	}

}
