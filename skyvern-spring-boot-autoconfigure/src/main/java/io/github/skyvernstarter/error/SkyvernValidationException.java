package io.github.skyvernstarter.error;

import java.util.List;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Skyvern rejected the request's fields (422).
 *
 * @since 0.1.0
 */
public class SkyvernValidationException extends SkyvernApiException {

	/** The field errors; empty when Skyvern sent a plain string. */
	private final List<FieldError> fieldErrors;

	/**
	 * Create a new exception.
	 * @param operation the call that failed
	 * @param statusCode the HTTP status
	 * @param detail Skyvern's error text, if any
	 * @param runId the run concerned, if known
	 * @param fieldErrors the field errors, empty when Skyvern sent a plain string
	 */
	public SkyvernValidationException(SkyvernOperation operation, int statusCode, @Nullable String detail,
			@Nullable String runId, List<FieldError> fieldErrors) {
		super(operation, statusCode, detail, runId);
		this.fieldErrors = List.copyOf(fieldErrors);
	}

	/**
	 * Return the rejected fields.
	 * @return the field errors, empty when Skyvern sent a plain string
	 */
	public List<FieldError> getFieldErrors() {
		return this.fieldErrors;
	}

	/**
	 * One rejected field.
	 *
	 * @param location where the field is, for example {@code body.agent_id}
	 * @param message what is wrong with it
	 * @param type Skyvern's error type, for example {@code missing}
	 */
	public record FieldError(String location, String message, @Nullable String type) {

		@Override
		public String toString() {
			return this.location + ": " + this.message;
		}

	}

}
