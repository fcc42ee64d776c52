package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.SkyvernWebhookBody.ParsedRun;
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

	private final SkyvernRun run;

	private final byte[] body;

	private final HttpHeaders headers;

	private final Instant receivedAt;

	private final @Nullable Instant skyvernTimestamp;

	private final Set<String> unreadableFields;

	/**
	 * Create an event, for example to test a listener; the {@code x-skyvern-timestamp} is read from the
	 * headers.
	 * @param run the run parsed from the body
	 * @param body the request body exactly as received and verified
	 * @param headers the request headers
	 * @param receivedAt when this application received the delivery
	 */
	public SkyvernRunFinishedEvent(SkyvernRun run, byte[] body, HttpHeaders headers, Instant receivedAt) {
		this(run, Set.of(), body, headers, receivedAt, timestamp(headers));
	}

	SkyvernRunFinishedEvent(ParsedRun parsed, byte[] body, HttpHeaders headers, Instant receivedAt) {
		this(parsed.run(), parsed.unreadableFields().keySet(), body, headers, receivedAt, timestamp(headers));
	}

	private static @Nullable Instant timestamp(HttpHeaders headers) {
		return SkyvernWebhookVerifier.parseTimestamp(headers.getFirst(SkyvernWebhookVerifier.TIMESTAMP_HEADER));
	}

	private SkyvernRunFinishedEvent(SkyvernRun run, Set<String> unreadableFields, byte[] body, HttpHeaders headers,
			Instant receivedAt, @Nullable Instant skyvernTimestamp) {
		this.run = run;
		this.unreadableFields = Set.copyOf(unreadableFields);
		this.body = body.clone();
		// A copy: a server's request headers are a view that is recycled once the request ends.
		this.headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(headers));
		this.receivedAt = receivedAt;
		this.skyvernTimestamp = skyvernTimestamp;
	}

	/**
	 * Return the run, the same type the workflow templates return.
	 * @return the run
	 */
	public SkyvernRun getRun() {
		return this.run;
	}

	/**
	 * Return the fields of the body that could not be read (a wrong JSON type, a bad timestamp, a
	 * number out of range, nesting too deep): the run has {@code null} for them, and the raw JSON is
	 * in {@link #getBody()}.
	 * @return the unreadable fields by their JSON name, for example {@code created_at}; usually empty
	 */
	public Set<String> getUnreadableFields() {
		return this.unreadableFields;
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
		return "SkyvernRunFinishedEvent[runId=" + this.run.runId() + ", status=" + this.run.status() + ", receivedAt="
				+ this.receivedAt + "]";
	}

}
