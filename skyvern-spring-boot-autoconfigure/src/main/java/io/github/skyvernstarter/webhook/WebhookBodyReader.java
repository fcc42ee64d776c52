package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.stream.Collectors;

import io.github.skyvernstarter.model.SkyvernWebhookBody;
import io.github.skyvernstarter.model.SkyvernWebhookBody.ParsedRun;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Reads a verified body into the run to publish, or decides the answer instead: 400 for a body
 * that is not a run (no event, and Skyvern does not retry a 4xx), 200 {@code ignored} for a status
 * that is not final (no event: Skyvern sends webhooks for final statuses only, so there is nothing
 * to wait for). The rest of the body is read when the run is first asked for, with a warning then
 * for fields that could not be read (published as {@code null}).
 */
final class WebhookBodyReader {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookReceiver.class);

	private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

	private final @Nullable ThrottledWarning throttled;

	/**
	 * Create a reader.
	 * @param signed whether bodies are verified; unsigned ones come from anyone, so their warnings
	 * are spaced like rejections
	 * @param clock the clock that spaces the warnings
	 */
	WebhookBodyReader(boolean signed, Clock clock) {
		this.throttled = signed ? null : new ThrottledWarning(logger, WARNING_INTERVAL, clock);
	}

	Reading read(byte[] body) {
		SkyvernWebhookBody delivery;
		try {
			delivery = SkyvernWebhookBody.parse(body);
		}
		catch (IllegalArgumentException ex) {
			warn("Rejected a Skyvern webhook with 400, so it is not delivered again: " + ex.getMessage());
			return new Reading(null,
					SkyvernWebhookResponse.of(SkyvernWebhookOutcome.MALFORMED, 400, "body is not a Skyvern run"));
		}
		String run = "Skyvern webhook for run " + LogSanitizer.safe(delivery.runId());
		if (!delivery.status().isFinal()) {
			if (delivery.status().isKnown()) {
				logger.debug("Ignored a " + run + " with status " + delivery.status() + ": not a final status");
			}
			else {
				warn("Ignored a " + run + " with the unknown status '" + LogSanitizer.safe(delivery.status().value())
						+ "': only final statuses are published (if a newer Skyvern server sent a new final status, "
						+ "upgrade the starter)");
			}
			return new Reading(null, SkyvernWebhookResponse.of(SkyvernWebhookOutcome.IGNORED, 200, "ignored"));
		}
		return new Reading(new WebhookRun(delivery, body.length, this::warnIfUnreadable), null);
	}

	/**
	 * Warn about the fields of a run that could not be read, when the run is first read: by a
	 * listener, or a wait.
	 */
	private void warnIfUnreadable(ParsedRun parsed) {
		if (parsed.unreadableFields().isEmpty()) {
			return;
		}
		warn("Skyvern webhook for run " + LogSanitizer.safe(parsed.run().runId()) + " (" + parsed.run().status()
				+ ") has fields that could not be read and are null in its event: "
				+ parsed.unreadableFields()
					.entrySet()
					.stream()
					.map((field) -> field.getKey() + " (" + field.getValue() + ")")
					.collect(Collectors.joining(", "))
				+ "; the raw JSON is in SkyvernRunFinishedEvent.getBody()");
	}

	private void warn(String message) {
		if (this.throttled != null) {
			this.throttled.warn(message + " (further warnings within a minute are logged at debug level)", message);
		}
		else {
			logger.warn(message);
		}
	}

	/**
	 * What a verified body holds: a final run to publish, or the answer to give instead.
	 *
	 * @param run the run to publish, read from the body on first use, or {@code null}
	 * @param answer the answer to give instead, or {@code null}
	 */
	record Reading(@Nullable WebhookRun run, @Nullable SkyvernWebhookResponse answer) {

	}

}
