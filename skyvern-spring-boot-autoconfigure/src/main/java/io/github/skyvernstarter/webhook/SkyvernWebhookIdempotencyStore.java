package io.github.skyvernstarter.webhook;

/**
 * Remembers which deliveries were processed, so that Skyvern's repeated deliveries of the same
 * ({@code run_id}, {@code status}) publish one event.
 * <p>
 * A delivery is first {@link #claim claimed}; the claimant then either {@link #markProcessed marks
 * it processed} once the application's listeners succeeded, or {@link #release releases} it when
 * they failed, so that Skyvern's next attempt is processed. The default keeps this in memory; an
 * application running several instances provides a shared implementation as a bean (see
 * {@code docs/webhooks.md}, "Several instances"). Implementations must be thread-safe and make {@code claim} atomic.
 *
 * @since 0.1.0
 */
public interface SkyvernWebhookIdempotencyStore {

	/**
	 * Claim a delivery for processing, unless it is being processed or was processed recently.
	 * @param key the delivery's run and status
	 * @return whether the caller now owns the delivery
	 */
	Claim claim(DeliveryKey key);

	/**
	 * Record a claimed delivery as processed; repeats within the store's window are then
	 * acknowledged without an event.
	 * @param key the claimed delivery
	 */
	void markProcessed(DeliveryKey key);

	/**
	 * Give up a claim whose processing failed, so the next delivery is processed.
	 * @param key the claimed delivery
	 */
	void release(DeliveryKey key);

	/**
	 * The outcome of {@link #claim}.
	 */
	enum Claim {

		/** The caller owns the delivery and must mark it processed or release it. */
		CLAIMED,

		/** Another delivery of the same run and status is being processed right now. */
		IN_PROGRESS,

		/** The same run and status was processed within the window. */
		ALREADY_PROCESSED

	}

	/**
	 * Identifies a delivery: Skyvern may send the same run more than once with the same status.
	 *
	 * @param runId the run id
	 * @param status the run's status as Skyvern writes it
	 */
	record DeliveryKey(String runId, String status) {

		/**
		 * Return a single string for stores keyed by strings, such as Redis.
		 * @return {@code runId + ":" + status}
		 */
		public String asString() {
			return this.runId + ":" + this.status;
		}

	}

}
