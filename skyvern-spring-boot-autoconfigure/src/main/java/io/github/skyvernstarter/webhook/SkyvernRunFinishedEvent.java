package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Published when a verified run-finished webhook arrives; handle it with an {@code @EventListener}
 * method.
 * <p>
 * Published only for a final status (completed, failed, terminated, canceled, timed out). Each
 * ({@code run_id}, {@code status}) is published once within the duplicate window. Listeners run
 * before Skyvern gets its answer: if one throws, Skyvern is answered with an error and delivers
 * again, and the event is published again then.
 *
 * @since 0.1.0
 */
public final class SkyvernRunFinishedEvent {

	private final String runId;

	private final RunStatus status;

	/** The run, when the event was created with it. */
	private final @Nullable SkyvernRun run;

	/** The run of a delivery, read from the body on first use, when the event was not created with it. */
	private final @Nullable WebhookRun delivered;

	private final byte[] body;

	private final HttpHeaders headers;

	private final Instant receivedAt;

	private final @Nullable Instant skyvernTimestamp;

	/**
	 * Create an event, for example to test a listener; the {@code x-skyvern-timestamp} is read from the
	 * headers.
	 * @param run the run parsed from the body
	 * @param body the request body exactly as received and verified
	 * @param headers the request headers
	 * @param receivedAt when this application received the delivery
	 */
	public SkyvernRunFinishedEvent(SkyvernRun run, byte[] body, HttpHeaders headers, Instant receivedAt) {
		this.runId = run.runId();
		this.status = run.status();
		this.run = run;
		this.delivered = null;
		this.body = body.clone();
		this.headers = copy(headers);
		this.receivedAt = receivedAt;
		this.skyvernTimestamp = timestamp(headers);
	}

	/**
	 * Create the event of a delivery whose run is read from its body when first asked for.
	 * @param delivered the delivery's run
	 * @param body the request body, owned by the event from now on: not copied
	 */
	SkyvernRunFinishedEvent(WebhookRun delivered, byte[] body, HttpHeaders headers, Instant receivedAt) {
		this.runId = delivered.runId();
		this.status = delivered.status();
		this.run = null;
		this.delivered = delivered;
		this.body = body;
		this.headers = (headers instanceof OwnedHttpHeaders) ? HttpHeaders.readOnlyHttpHeaders(headers) : copy(headers);
		this.receivedAt = receivedAt;
		this.skyvernTimestamp = timestamp(headers);
	}

	private static HttpHeaders copy(HttpHeaders headers) {
		// A copy: a server's request headers are a view that is recycled once the request ends.
		return HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
	}

	private static @Nullable Instant timestamp(HttpHeaders headers) {
		return SkyvernWebhookVerifier.parseTimestamp(headers.getFirst(SkyvernWebhookVerifier.TIMESTAMP_HEADER));
	}

	/**
	 * Return the run's id, without reading the rest of the body.
	 * @return the run id
	 * @since 0.1.0
	 */
	public String getRunId() {
		return this.runId;
	}

	/**
	 * Return the run's final status, without reading the rest of the body.
	 * @return the status, trimmed and lower-cased as {@link SkyvernRun#status()} has it
	 * @since 0.1.0
	 */
	public RunStatus getStatus() {
		return this.status;
	}

	/**
	 * Return the run, the same type the workflow templates return.
	 * <p>
	 * The body is read into the run on the first call (by any listener, once for all of them); a
	 * listener that needs only the run id and status should call {@link #getRunId()} and
	 * {@link #getStatus()}, which do not read it: a run's output can be megabytes.
	 * @return the run
	 */
	public SkyvernRun getRun() {
		return (this.run != null) ? this.run : Objects.requireNonNull(this.delivered).parsed().run();
	}

	/**
	 * Return the fields of the body that could not be read (a wrong JSON type, a bad timestamp, a
	 * number out of range, nesting too deep): the run has {@code null} for them, and the raw JSON is
	 * in {@link #getBody()}. Like {@link #getRun()}, this reads the body on the first call, and a
	 * warning names the fields then.
	 * @return the unreadable fields by their JSON name, for example {@code created_at}; usually empty
	 */
	public Set<String> getUnreadableFields() {
		// A run the event was created with was read strictly: it has none.
		return (this.delivered != null) ? this.delivered.parsed().unreadableFields().keySet() : Set.of();
	}

	/**
	 * Return a copy of the request body exactly as received: the signed bytes, with the legacy keys
	 * that {@link SkyvernRun} does not model.
	 * @return the body
	 */
	public byte[] getBody() {
		return this.body.clone();
	}

	/**
	 * Return the request body as a string.
	 * @return the body decoded as UTF-8
	 */
	public String getBodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/**
	 * Return the request headers.
	 * @return read-only headers
	 */
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	/**
	 * Return when this application received the delivery, by its own clock.
	 * @return the receipt time
	 */
	public Instant getReceivedAt() {
		return this.receivedAt;
	}

	/**
	 * Return the sender's {@code x-skyvern-timestamp}: informative only, since it is not signed and
	 * some Skyvern servers skew it by their time zone's offset.
	 * @return the sender's timestamp, or {@code null} if absent or unreadable
	 */
	public @Nullable Instant getSkyvernTimestamp() {
		return this.skyvernTimestamp;
	}

	@Override
	public String toString() {
		return "SkyvernRunFinishedEvent[runId=" + this.runId + ", status=" + this.status + ", receivedAt="
				+ this.receivedAt + "]";
	}

}
