package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.Claim;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier.Verification;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Handles Skyvern webhook deliveries independently of the web stack: the Spring MVC and WebFlux
 * adapters read the request and write the {@link SkyvernWebhookResponse} this returns.
 * <p>
 * The order of checks is: method (405), content type (415), size (413), signature over the raw
 * bytes before any parsing (401), JSON run (400), then idempotency and the
 * {@link SkyvernRunFinishedEvent} (2xx after the listeners ran; 5xx when one threw, so Skyvern
 * delivers again).
 * <p>
 * A duplicate that arrives while the first delivery of the same run and status is still being
 * processed is answered {@code 425 Too Early}: it must not publish a second event, and it must not
 * be acknowledged either, because the first delivery may still fail; Skyvern retries 425, and its
 * retry then finds the delivery processed (2xx) or released (processed anew).
 */
public class SkyvernWebhookReceiver {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookReceiver.class);

	static final String RETRY_AFTER_SECONDS = "2";

	private static final Duration REJECTION_WARNING_INTERVAL = Duration.ofMinutes(1);

	private final SkyvernWebhookVerifier verifier;

	private final boolean verifySignatures;

	private final SkyvernWebhookIdempotencyStore idempotencyStore;

	private final ApplicationEventPublisher eventPublisher;

	private final @Nullable SkyvernWebhookRunCompletionSource completionSource;

	private final long maxBodySize;

	private final Clock clock;

	private final AtomicReference<Instant> lastRejectionWarning = new AtomicReference<>(Instant.MIN);

	private final SkyvernWebhookDeliveryListener deliveryListener;

	/**
	 * Create a receiver.
	 * @param verifier verifies signatures
	 * @param verifySignatures whether to verify signatures; {@code false} trusts every body
	 * @param idempotencyStore remembers processed deliveries
	 * @param eventPublisher publishes {@link SkyvernRunFinishedEvent}s
	 * @param completionSource finishes waits, or {@code null}
	 * @param maxBodySize the largest body accepted, in bytes
	 * @param clock the clock for receipt times
	 */
	public SkyvernWebhookReceiver(SkyvernWebhookVerifier verifier, boolean verifySignatures,
			SkyvernWebhookIdempotencyStore idempotencyStore, ApplicationEventPublisher eventPublisher,
			@Nullable SkyvernWebhookRunCompletionSource completionSource, long maxBodySize, Clock clock) {
		this(verifier, verifySignatures, idempotencyStore, eventPublisher, completionSource, maxBodySize, clock,
				(outcome, elapsed) -> {
				});
	}

	/**
	 * Create a receiver that reports every answered delivery.
	 * @param verifier verifies signatures
	 * @param verifySignatures whether to verify signatures; {@code false} trusts every body
	 * @param idempotencyStore remembers processed deliveries
	 * @param eventPublisher publishes {@link SkyvernRunFinishedEvent}s
	 * @param completionSource finishes waits, or {@code null}
	 * @param maxBodySize the largest body accepted, in bytes
	 * @param clock the clock for receipt times
	 * @param deliveryListener told of every answered delivery (see {@link #answered})
	 */
	public SkyvernWebhookReceiver(SkyvernWebhookVerifier verifier, boolean verifySignatures,
			SkyvernWebhookIdempotencyStore idempotencyStore, ApplicationEventPublisher eventPublisher,
			@Nullable SkyvernWebhookRunCompletionSource completionSource, long maxBodySize, Clock clock,
			SkyvernWebhookDeliveryListener deliveryListener) {
		if (maxBodySize < 1) {
			throw new IllegalArgumentException("Max body size must be positive");
		}
		this.verifier = verifier;
		this.verifySignatures = verifySignatures;
		this.idempotencyStore = idempotencyStore;
		this.eventPublisher = eventPublisher;
		this.completionSource = completionSource;
		this.maxBodySize = maxBodySize;
		this.clock = clock;
		this.deliveryListener = deliveryListener;
	}

	/**
	 * Return the largest body accepted; adapters stop reading past it.
	 * @return the limit in bytes
	 */
	public long getMaxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Check what can be checked before the body is read: method, content type and declared length.
	 * @param method the HTTP method
	 * @param headers the request headers
	 * @return the answer if the request is rejected, {@code null} if its body should be read
	 */
	public @Nullable SkyvernWebhookResponse checkRequest(String method, HttpHeaders headers) {
		if (!"POST".equals(method)) {
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.MALFORMED, 405, "method not allowed",
					HttpHeaders.ALLOW, "POST");
		}
		if (!isJson(headers)) {
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.MALFORMED, 415,
					"content type must be application/json");
		}
		if (declaredLength(headers) > this.maxBodySize) {
			return bodyTooLarge();
		}
		return null;
	}

	private static long declaredLength(HttpHeaders headers) {
		try {
			return headers.getContentLength();
		}
		catch (NumberFormatException ex) {
			// Servers reject a malformed Content-Length first; if one got through, reading enforces the limit.
			return -1;
		}
	}

	/**
	 * Report that a delivery was answered; adapters call this once per request, with the time since
	 * they received it.
	 * @param answer the answer given
	 * @param elapsed the time from the request's receipt to its answer
	 */
	public void answered(SkyvernWebhookResponse answer, Duration elapsed) {
		if (logger.isDebugEnabled()) {
			logger.debug("Answered a Skyvern webhook " + answer.status() + " (" + answer.outcome().value() + ") in "
					+ elapsed.toMillis() + " ms");
		}
		try {
			this.deliveryListener.onDelivery(answer.outcome(), elapsed);
		}
		catch (RuntimeException ex) {
			// Metrics must not change the answer Skyvern gets.
			logger.warn("A Skyvern webhook delivery listener failed", ex);
		}
	}

	/**
	 * Return the answer to a body larger than {@link #getMaxBodySize()}.
	 * @return a 413 answer
	 */
	public SkyvernWebhookResponse bodyTooLarge() {
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.TOO_LARGE, 413, "body too large");
	}

	/**
	 * Handle a delivery whose request passed {@link #checkRequest}: verify, parse, deduplicate and
	 * publish. Blocks while the application's listeners run.
	 * @param headers the request headers
	 * @param body the request body exactly as received
	 * @return the answer
	 */
	public SkyvernWebhookResponse receive(HttpHeaders headers, byte[] body) {
		Instant receivedAt = this.clock.instant();
		if (body.length > this.maxBodySize) {
			return bodyTooLarge();
		}
		String timestamp = headers.getFirst(SkyvernWebhookVerifier.TIMESTAMP_HEADER);
		if (this.verifySignatures) {
			SkyvernWebhookResponse rejection = verify(headers, body, timestamp);
			if (rejection != null) {
				return rejection;
			}
		}
		SkyvernRun run = parseRun(body);
		if (run == null) {
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.MALFORMED, 400, "body is not a Skyvern run");
		}
		if (this.completionSource != null) {
			this.completionSource.runFinished(run, body.length);
		}
		DeliveryKey key = new DeliveryKey(run.runId(), run.status().value());
		Claim claim;
		try {
			claim = this.idempotencyStore.claim(key);
		}
		catch (RuntimeException ex) {
			logger.error("Skyvern webhook for run " + run.runId() + " not processed: idempotency store failed", ex);
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.STORE_ERROR, 503, "try again later",
					HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		}
		return switch (claim) {
			case ALREADY_PROCESSED -> SkyvernWebhookResponse.of(SkyvernWebhookOutcome.DUPLICATE, 200, "duplicate");
			case IN_PROGRESS -> SkyvernWebhookResponse.of(SkyvernWebhookOutcome.IN_PROGRESS, 425,
					"delivery in progress", HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
			case CLAIMED -> publish(key, new SkyvernRunFinishedEvent(run, body, headers, receivedAt,
					SkyvernWebhookVerifier.parseTimestamp(timestamp)));
		};
	}

	private @Nullable SkyvernWebhookResponse verify(HttpHeaders headers, byte[] body, @Nullable String timestamp) {
		List<String> signatures = headers.getOrEmpty(SkyvernWebhookVerifier.SIGNATURE_HEADER);
		// Skyvern sends one signature; several are a malformed (or crafted) request.
		String signature = (signatures.size() == 1) ? signatures.get(0) : null;
		Verification verification = this.verifier.verify(body, signature, timestamp);
		return switch (verification) {
			case VALID -> null;
			case MISSING_SIGNATURE -> reject("missing signature");
			case INVALID_SIGNATURE -> reject("invalid signature");
			case STALE_TIMESTAMP -> reject("timestamp outside the accepted window");
		};
	}

	private SkyvernWebhookResponse reject(String reason) {
		// A wrong key is the usual cause; warn now and then, without flooding the log under attack.
		Instant now = this.clock.instant();
		Instant last = this.lastRejectionWarning.get();
		if (now.isAfter(last.plus(REJECTION_WARNING_INTERVAL)) && this.lastRejectionWarning.compareAndSet(last, now)) {
			logger.warn("Rejected a Skyvern webhook: " + reason + " (check that skyvern.api-key or "
					+ "skyvern.webhooks.signing-keys holds the key that started the run; further rejections "
					+ "within a minute are logged at debug level)");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Rejected a Skyvern webhook: " + reason);
		}
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.INVALID_SIGNATURE, 401, reason);
	}

	private SkyvernWebhookResponse publish(DeliveryKey key, SkyvernRunFinishedEvent event) {
		boolean published = false;
		try {
			this.eventPublisher.publishEvent(event);
			published = true;
		}
		catch (RuntimeException ex) {
			logger.error("A listener failed on the Skyvern webhook for run " + key.runId() + " (" + key.status()
					+ "); answered 500 so that Skyvern delivers it again", ex);
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.LISTENER_ERROR, 500, "listener failed");
		}
		finally {
			settle(key, published);
		}
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.ACCEPTED, 200, "ok");
	}

	private void settle(DeliveryKey key, boolean published) {
		try {
			if (published) {
				this.idempotencyStore.markProcessed(key);
			}
			else {
				this.idempotencyStore.release(key);
			}
		}
		catch (RuntimeException ex) {
			// The listeners' outcome stands; a shared store is expected to expire the claim.
			logger.error("Idempotency store failed to record the Skyvern webhook for run " + key.runId(), ex);
		}
	}

	private static boolean isJson(HttpHeaders headers) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return "application".equals(type.getType())
					&& ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	static @Nullable SkyvernRun parseRun(byte[] body) {
		try {
			// One pass straight into the record: a tree first would copy a multi-megabyte output twice.
			return SkyvernJson.mapper().readValue(body, SkyvernRun.class);
		}
		catch (RuntimeException ex) {
			return parseLegacyRun(body);
		}
	}

	private static @Nullable SkyvernRun parseLegacyRun(byte[] body) {
		try {
			JsonNode root = SkyvernJson.mapper().readTree(body);
			if (root == null || !root.isObject()) {
				return null;
			}
			// Older workflow webhooks name the run only "workflow_run_id".
			JsonNode runId = root.get("run_id");
			JsonNode workflowRunId = root.get("workflow_run_id");
			if ((runId == null || runId.isNull()) && workflowRunId != null && workflowRunId.isString()) {
				((ObjectNode) root).put("run_id", workflowRunId.asString());
			}
			return SkyvernJson.mapper().treeToValue(root, SkyvernRun.class);
		}
		catch (RuntimeException ex) {
			// Jackson's exceptions and the run's own validation: either way, not a run.
			return null;
		}
	}

}
