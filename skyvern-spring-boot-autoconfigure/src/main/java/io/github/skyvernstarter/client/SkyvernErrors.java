package io.github.skyvernstarter.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernConflictException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.error.SkyvernRedirectException;
import io.github.skyvernstarter.error.SkyvernResponseTooLargeException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.error.SkyvernValidationException;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Turns Skyvern's answers that are not a readable success into exceptions: error bodies
 * ({@code {"detail": "..."}}, {@code {"detail": [{"loc", "msg", "type"}]}}, {@code {"error": "..."}}
 * or any other body), redirects, and success bodies that cannot be read.
 * <p>
 * Every string taken from an answer is masked with the {@link SecretMask} of the key sent with the
 * call before it is kept, then shortened.
 */
final class SkyvernErrors {

	private static final int MAX_DETAIL_LENGTH = 500;

	/** Starlette's text for a path that matches no route: the base URL, not the resource, is wrong. */
	private static final String NO_SUCH_ROUTE = "Not Found";

	private SkyvernErrors() {
	}

	static SkyvernApiException fromResponse(SkyvernOperation operation, int status, HttpHeaders headers, byte[] body,
			@Nullable String runId, URI requestUri, SecretMask mask) {
		JsonNode json = readJson(body);
		List<SkyvernValidationException.FieldError> fieldErrors = fieldErrors(json, mask);
		String detail = detail(json, body, fieldErrors, mask);
		return switch (status) {
			case 400 -> new SkyvernBadRequestException(operation, status, detail, runId);
			case 401, 403 -> new SkyvernAuthenticationException(operation, status, detail, runId);
			case 404 -> new SkyvernNotFoundException(operation, status, detail, runId,
					isRouteMiss(json, detail)
							? "No Skyvern route answers there: " + checkBaseUrl(requestUri, operation) : null);
			case 409 -> new SkyvernConflictException(operation, status, detail, runId);
			case 422 -> new SkyvernValidationException(operation, status, detail, runId, fieldErrors);
			case 429 -> new SkyvernRateLimitException(operation, status, detail, runId,
					retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC()));
			default -> (status >= 500) ? new SkyvernServerException(operation, status, detail, runId)
					: new SkyvernApiException(operation, status, detail, runId);
		};
	}

	/**
	 * Whether a 404 means that nothing answers at this path (a wrong base URL) rather than that
	 * Skyvern does not know the run or workflow: Skyvern names what it did not find in {@code detail},
	 * while an unknown route answers Starlette's bare "Not Found", and a proxy or other server answers
	 * with no JSON {@code detail} at all.
	 */
	private static boolean isRouteMiss(@Nullable JsonNode json, @Nullable String detail) {
		JsonNode value = (json != null && json.isObject()) ? json.get("detail") : null;
		return value == null || !value.isString() || NO_SUCH_ROUTE.equalsIgnoreCase(String.valueOf(detail).strip());
	}

	static SkyvernRedirectException redirect(SkyvernOperation operation, int status, @Nullable String location,
			@Nullable String runId, URI requestUri, SecretMask mask) {
		return new SkyvernRedirectException(operation, status, SkyvernTarget.location(location, requestUri, mask),
				runId, "Skyvern's API never redirects, so the redirect came from something in front of it; "
						+ checkBaseUrl(requestUri, operation)
						+ " (an http to https redirect means the URL should start with https)");
	}

	static SkyvernMalformedResponseException malformed(SkyvernOperation operation, int status, int length,
			@Nullable String runId, RuntimeException ex, SecretMask mask) {
		String reason = (ex.getMessage() != null) ? firstLine(ex.getMessage()) : "no detail";
		// A parser message may quote the body; one that quotes the key, even cut short, is withheld, and
		// so is the cause, whose message is the same.
		boolean revealsKey = mask.isRevealedIn(ex.getMessage() != null ? ex.getMessage() : "");
		return new SkyvernMalformedResponseException(operation, status,
				"Skyvern answered " + status + " to " + describe(operation, runId) + " with a body this client "
						+ "cannot read (" + length + " bytes): " + (revealsKey ? "parser message withheld" : reason)
						+ runMayExist(operation, status),
				runId, revealsKey ? null : ex);
	}

	static SkyvernResponseTooLargeException tooLarge(SkyvernOperation operation, int status, long announcedLength,
			long limit, @Nullable String runId) {
		return new SkyvernResponseTooLargeException(operation, status,
				"Skyvern's answer (" + status + ") to " + describe(operation, runId) + " was not read: it is larger "
						+ "than the limit of " + SkyvernTarget.formatSize(limit) + " (skyvern.max-response-size"
						+ ((announcedLength >= 0) ? "; " + announcedLength + " bytes announced" : "")
						+ "). Not retried: the same answer would come again" + runMayExist(operation, status),
				runId, limit);
	}

	static String checkBaseUrl(URI requestUri, SkyvernOperation operation) {
		return "check skyvern.base-url (now " + SkyvernTarget.baseUrl(requestUri, operation) + ")";
	}

	static String describe(SkyvernOperation operation, @Nullable String runId) {
		return operation.describe() + ((runId != null) ? " (run " + runId + ")" : "");
	}

	private static String runMayExist(SkyvernOperation operation, int status) {
		boolean created = operation.createsRun() && status >= 200 && status < 300;
		return created ? ". " + SkyvernException.RUN_MAY_EXIST_HINT : "";
	}

	private static @Nullable JsonNode readJson(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return SkyvernJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static List<SkyvernValidationException.FieldError> fieldErrors(@Nullable JsonNode json, SecretMask mask) {
		List<SkyvernValidationException.FieldError> errors = new ArrayList<>();
		JsonNode detail = (json != null) ? json.get("detail") : null;
		if (detail != null && detail.isArray()) {
			for (JsonNode item : detail) {
				String location = "";
				JsonNode loc = item.get("loc");
				if (loc != null && loc.isArray()) {
					List<String> parts = new ArrayList<>();
					loc.forEach((part) -> parts.add(part.asString()));
					location = String.join(".", parts);
				}
				JsonNode msg = item.get("msg");
				JsonNode type = item.get("type");
				errors.add(new SkyvernValidationException.FieldError(safe(location, mask),
						safe((msg != null) ? msg.asString() : item.toString(), mask),
						(type != null) ? safe(type.asString(), mask) : null));
			}
		}
		return errors;
	}

	private static @Nullable String detail(@Nullable JsonNode json, byte[] body,
			List<SkyvernValidationException.FieldError> fieldErrors, SecretMask mask) {
		if (!fieldErrors.isEmpty()) {
			return truncate(fieldErrors.stream().map(Object::toString).collect(Collectors.joining("; ")));
		}
		if (json != null && json.isObject()) {
			for (String field : new String[] { "detail", "error", "message" }) {
				JsonNode value = json.get(field);
				if (value != null && !value.isNull()) {
					return safe(value.isString() ? value.asString() : value.toString(), mask);
				}
			}
		}
		if (body.length == 0) {
			return null;
		}
		return safe(new String(body, StandardCharsets.UTF_8).strip(), mask);
	}

	/**
	 * Mask the key in a string from an answer, then shorten it: masking first, so that shortening
	 * cannot cut an occurrence into a piece the mask no longer recognises.
	 */
	private static String safe(String text, SecretMask mask) {
		return mask.redactWithFragments(truncate(mask.redact(text)));
	}

	/**
	 * Read a {@code Retry-After} value: delay seconds or an HTTP date.
	 * @param value the header's value
	 * @param clock the clock an HTTP date is measured against
	 * @return the delay (never negative), or {@code null} when absent or unreadable
	 */
	static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		try {
			long seconds = Long.parseLong(trimmed);
			return Duration.ofSeconds(Math.max(0, seconds));
		}
		catch (NumberFormatException ex) {
			// Not seconds: an HTTP date, handled below.
		}
		try {
			Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration delay = Duration.between(clock.instant(), at);
			return delay.isNegative() ? Duration.ZERO : delay;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	static String truncate(String text) {
		return (text.length() <= MAX_DETAIL_LENGTH) ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...";
	}

	static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return truncate((newline >= 0) ? message.substring(0, newline) : message);
	}

}
