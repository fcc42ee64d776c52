package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern answered with an HTTP error status.
 * <p>
 * Subclasses stand for the statuses callers handle differently; other statuses are thrown as this
 * class.
 *
 * @since 0.1.0
 */
public class SkyvernApiException extends SkyvernException {

	/** The call that failed. */
	private final SkyvernOperation operation;

	/** The HTTP status of the answer. */
	private final int statusCode;

	/** Skyvern's error text, if any. */
	private final @Nullable String detail;

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text ({@code detail} or {@code error}), if any
	 * @param runId the run concerned, if known
	 */
	public SkyvernApiException(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId) {
		this(operation, statusCode, detail, runId, null);
	}

	/**
	 * Create a new exception with an extra hint in its message.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text ({@code detail} or {@code error}), if any
	 * @param runId the run concerned, if known
	 * @param hint what the caller can do, or {@code null}
	 */
	SkyvernApiException(SkyvernOperation operation, int statusCode, @Nullable String detail, @Nullable String runId,
			@Nullable String hint) {
		super(message(operation, statusCode, detail, runId, hint), runId, null);
		this.operation = operation;
		this.statusCode = statusCode;
		this.detail = detail;
	}

	private static String message(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId, @Nullable String hint) {
		StringBuilder message = new StringBuilder("Skyvern answered ").append(statusCode)
			.append(" to ")
			.append(operation.describe());
		if (runId != null) {
			message.append(" (run ").append(runId).append(')');
		}
		if (detail != null && !detail.isBlank()) {
			message.append(": ").append(detail);
		}
		if (hint != null) {
			message.append(". ").append(hint);
		}
		return message.toString();
	}

	/**
	 * Return the call that failed.
	 * @return the operation
	 */
	public SkyvernOperation getOperation() {
		return this.operation;
	}

	/**
	 * Return the HTTP status Skyvern answered with.
	 * @return the status code
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return Skyvern's error text: its {@code detail} (joined when it is a list) or {@code error}.
	 * @return the error text, or {@code null} when the body had none
	 */
	public @Nullable String getDetail() {
		return this.detail;
	}

}
