package io.github.skyvernstarter.webhook;

/**
 * How the receiver answered a webhook delivery, for metrics and logs.
 *
 * @since 0.1.0
 */
public enum SkyvernWebhookOutcome {

	/** A verified run, published to the listeners (200). */
	ACCEPTED("accepted"),

	/** A verified run whose status is not final, or not known, acknowledged without an event (200). */
	IGNORED("ignored"),

	/** A run and status already processed, answered without publishing again (200). */
	DUPLICATE("duplicate"),

	/** A run and status still being processed by another delivery (425; Skyvern delivers again). */
	IN_PROGRESS("in_progress"),

	/** A missing or wrong signature, or a timestamp outside the accepted window (401). */
	INVALID_SIGNATURE("invalid_signature"),

	/**
	 * Not a Skyvern delivery: a method other than POST (405), not JSON (415), or not a run (400),
	 * such as a {@code run_id} that is not a Skyvern run id.
	 */
	MALFORMED("malformed"),

	/** A body over {@code skyvern.webhooks.max-body-size} (413). */
	TOO_LARGE("too_large"),

	/** A body not received within {@code skyvern.webhooks.body-read-timeout} (408; Skyvern delivers again). */
	TIMEOUT("timeout"),

	/**
	 * Deliveries in progress hold {@code skyvern.webhooks.max-in-flight-body-size} already (503; Skyvern
	 * delivers again).
	 */
	OVERLOADED("overloaded"),

	/** A listener threw (500; Skyvern delivers again). */
	LISTENER_ERROR("listener_error"),

	/** The idempotency store failed (503; Skyvern delivers again). */
	STORE_ERROR("store_error");

	private final String value;

	SkyvernWebhookOutcome(String value) {
		this.value = value;
	}

	/**
	 * Return the outcome as metric tags and logs write it, for example {@code invalid_signature}.
	 * @return the outcome's value
	 */
	public String value() {
		return this.value;
	}

}
