package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Handles Skyvern webhook deliveries independently of the web stack: the Spring MVC and WebFlux
 * adapters read the request and write the {@link SkyvernWebhookResponse} this returns.
 * <p>
 * The order of checks is: method (405), content type (415), size (413), a signature header (401,
 * before the body is read), signature over the raw bytes before any parsing (401), JSON run with a Skyvern run id (400), final status (else 200
 * {@code ignored}), then idempotency and the {@link SkyvernRunFinishedEvent} (2xx after the
 * listeners ran; 5xx when one threw, so Skyvern delivers again). Each step is a small class of this
 * package; this class puts them in order.
 * <p>
 * A duplicate that arrives while the first delivery of the same run and status is still being
 * processed is answered {@code 425 Too Early}: it must not publish a second event, and it must not
 * be acknowledged either, because the first delivery may still fail; Skyvern retries 425, and its
 * retry then finds the delivery processed (2xx) or released (processed anew).
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookReceiver implements SkyvernWebhookEndpoint {

	private final WebhookRequestCheck requestCheck;

	private final WebhookSignatureCheck signatureCheck;

	private final WebhookBodyReader bodyReader;

	private final WebhookIdempotency idempotency;

	private final WebhookPublisher publisher;

	private final @Nullable SkyvernWebhookRunCompletionSource completionSource;

	private final WebhookDeliveryReport report;

	private final Clock clock;

	private SkyvernWebhookReceiver(Builder builder) {
		this.requestCheck = new WebhookRequestCheck(builder.maxBodySize);
		this.signatureCheck = new WebhookSignatureCheck(builder.verifier, builder.verifySignatures, builder.clock);
		this.bodyReader = new WebhookBodyReader(builder.verifySignatures, builder.clock);
		this.idempotency = new WebhookIdempotency(builder.idempotencyStore);
		this.publisher = new WebhookPublisher(builder.eventPublisher, this.idempotency);
		this.completionSource = builder.completionSource;
		this.report = new WebhookDeliveryReport(builder.deliveryListener);
		this.clock = builder.clock;
	}

	/**
	 * Start building a receiver.
	 * @param verifier verifies signatures
	 * @param idempotencyStore remembers processed deliveries
	 * @param eventPublisher publishes {@link SkyvernRunFinishedEvent}s
	 * @return a builder that verifies signatures and accepts bodies up to 16MB by default
	 */
	public static Builder builder(SkyvernWebhookVerifier verifier, SkyvernWebhookIdempotencyStore idempotencyStore,
			ApplicationEventPublisher eventPublisher) {
		return new Builder(verifier, idempotencyStore, eventPublisher);
	}

	/**
	 * Return the largest body accepted; adapters stop reading past it.
	 * @return the limit in bytes
	 */
	@Override
	public long getMaxBodySize() {
		return this.requestCheck.maxBodySize();
	}

	/**
	 * Check what can be checked before the body is read: method, content type, declared length and,
	 * when signatures are verified, that there is one signature.
	 * @param method the HTTP method
	 * @param headers the request headers
	 * @return the answer if the request is rejected, {@code null} if its body should be read
	 */
	@Override
	public @Nullable SkyvernWebhookResponse checkRequest(String method, HttpHeaders headers) {
		SkyvernWebhookResponse rejection = this.requestCheck.check(method, headers);
		// Refused before the body is read, so that unsigned bodies cost no memory.
		return (rejection != null) ? rejection : this.signatureCheck.checkPresent(headers);
	}

	/**
	 * Report that a delivery was answered; adapters call this once per request, with the time since
	 * they received it.
	 * @param answer the answer given
	 * @param elapsed the time from the request's receipt to its answer
	 */
	@Override
	public void answered(SkyvernWebhookResponse answer, Duration elapsed) {
		this.report.answered(answer, elapsed);
	}

	/**
	 * Return the answer to a body larger than {@link #getMaxBodySize()}.
	 * @return a 413 answer
	 */
	@Override
	public SkyvernWebhookResponse bodyTooLarge() {
		return WebhookRequestCheck.bodyTooLarge();
	}

	/**
	 * Handle a delivery whose request passed {@link #checkRequest}: verify, parse, deduplicate and
	 * publish. Blocks while the application's listeners run.
	 * @param headers the request headers
	 * @param body the request body exactly as received
	 * @return the answer
	 */
	@Override
	public SkyvernWebhookResponse receive(HttpHeaders headers, byte[] body) {
		Instant receivedAt = this.clock.instant();
		if (this.requestCheck.isTooLarge(body)) {
			return bodyTooLarge();
		}
		SkyvernWebhookResponse rejection = this.signatureCheck.check(headers, body);
		if (rejection != null) {
			return rejection;
		}
		WebhookBodyReader.Reading reading = this.bodyReader.read(body);
		WebhookRun run = reading.run();
		if (run == null) {
			return Objects.requireNonNull(reading.answer());
		}
		// The run id and status are read; the rest of the body is read when a wait or a listener asks.
		if (this.completionSource != null) {
			this.completionSource.runFinished(run);
		}
		DeliveryKey key = new DeliveryKey(run.runId(), run.status().value());
		SkyvernWebhookResponse repeat = this.idempotency.claim(key);
		if (repeat != null) {
			return repeat;
		}
		return this.publisher.publish(key, new SkyvernRunFinishedEvent(run, body, headers, receivedAt));
	}

	/**
	 * Publish the event of a finished run whose webhook never arrived, read from Skyvern by the
	 * reconciler: the same claim, listeners and mark as a delivery, so a run gets one event whichever
	 * comes first. The event's body is the run as JSON, and its headers are empty.
	 * @param run the run, final
	 * @return the outcome: {@code ACCEPTED}, {@code DUPLICATE} (published already), {@code IGNORED} (not
	 * final), {@code IN_PROGRESS}, {@code LISTENER_ERROR} or {@code STORE_ERROR} (try again later)
	 */
	public SkyvernWebhookOutcome publishReconciled(SkyvernRun run) {
		if (!run.isFinal()) {
			return SkyvernWebhookOutcome.IGNORED;
		}
		byte[] body = SkyvernJson.mapper().writeValueAsBytes(run);
		if (this.completionSource != null) {
			this.completionSource.runFinished(run, body.length);
		}
		DeliveryKey key = new DeliveryKey(run.runId(), run.status().value());
		SkyvernWebhookResponse repeat = this.idempotency.claim(key);
		SkyvernWebhookResponse answer = (repeat != null) ? repeat : this.publisher.publish(key,
				new SkyvernRunFinishedEvent(run, body, HttpHeaders.EMPTY, this.clock.instant()));
		return answer.outcome();
	}

	/**
	 * Builds a {@link SkyvernWebhookReceiver}.
	 */
	public static final class Builder {

		private final SkyvernWebhookVerifier verifier;

		private final SkyvernWebhookIdempotencyStore idempotencyStore;

		private final ApplicationEventPublisher eventPublisher;

		private boolean verifySignatures = true;

		private @Nullable SkyvernWebhookRunCompletionSource completionSource;

		private long maxBodySize = DataSize.ofMegabytes(16).toBytes();

		private Clock clock = Clock.systemUTC();

		private SkyvernWebhookDeliveryListener deliveryListener = (outcome, elapsed) -> {
		};

		private Builder(SkyvernWebhookVerifier verifier, SkyvernWebhookIdempotencyStore idempotencyStore,
				ApplicationEventPublisher eventPublisher) {
			this.verifier = verifier;
			this.idempotencyStore = idempotencyStore;
			this.eventPublisher = eventPublisher;
		}

		/**
		 * Set whether to verify signatures; {@code false} trusts every body.
		 * @param verifySignatures whether to verify signatures
		 * @return this builder
		 */
		public Builder verifySignatures(boolean verifySignatures) {
			this.verifySignatures = verifySignatures;
			return this;
		}

		/**
		 * Set the completion source that verified final runs finish waits on.
		 * @param completionSource the completion source, or {@code null} for none
		 * @return this builder
		 */
		public Builder completionSource(@Nullable SkyvernWebhookRunCompletionSource completionSource) {
			this.completionSource = completionSource;
			return this;
		}

		/**
		 * Set the largest body accepted.
		 * @param maxBodySize the limit in bytes, positive
		 * @return this builder
		 */
		public Builder maxBodySize(long maxBodySize) {
			Assert.isTrue(maxBodySize > 0, "Max body size must be positive");
			this.maxBodySize = maxBodySize;
			return this;
		}

		/**
		 * Set the clock for receipt times and for spacing warnings.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Set the listener told of every answered delivery (see {@link SkyvernWebhookReceiver#answered}).
		 * @param deliveryListener the listener
		 * @return this builder
		 */
		public Builder deliveryListener(SkyvernWebhookDeliveryListener deliveryListener) {
			this.deliveryListener = deliveryListener;
			return this;
		}

		/**
		 * Build the receiver.
		 * @return the receiver
		 */
		public SkyvernWebhookReceiver build() {
			return new SkyvernWebhookReceiver(this);
		}

	}

}
