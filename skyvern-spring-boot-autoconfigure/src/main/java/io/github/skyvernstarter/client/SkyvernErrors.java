package io.github.skyvernstarter.client;

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

import io.github.skyvernstarter.model.SkyvernJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Turns Skyvern's error answers into exceptions: {@code {"detail": "..."}},
 * {@code {"detail": [{"loc", "msg", "type"}]}}, {@code {"error": "..."}} or any other body.
 */
final class SkyvernErrors {

	private static final int MAX_DETAIL_LENGTH = 500;

	private static final String MASK = "******";

	private SkyvernErrors() {
	}

	static SkyvernApiException fromResponse(SkyvernOperation operation, int status, HttpHeaders headers, byte[] body,
			@Nullable String runId) {
		JsonNode json = readJson(body);
		List<SkyvernValidationException.FieldError> fieldErrors = fieldErrors(json);
		String detail = detail(json, body, fieldErrors);
		return switch (status) {
			case 400 -> new SkyvernBadRequestException(operation, status, detail, runId);
			case 401, 403 -> new SkyvernAuthenticationException(operation, status, detail, runId);
			case 404 -> new SkyvernNotFoundException(operation, status, detail, runId);
			case 409 -> new SkyvernConflictException(operation, status, detail, runId);
			case 422 -> new SkyvernValidationException(operation, status, detail, runId, fieldErrors);
			case 429 -> new SkyvernRateLimitException(operation, status, detail, runId,
					retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), Clock.systemUTC()));
			default -> (status >= 500) ? new SkyvernServerException(operation, status, detail, runId)
					: new SkyvernApiException(operation, status, detail, runId);
		};
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

	private static List<SkyvernValidationException.FieldError> fieldErrors(@Nullable JsonNode json) {
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
				errors.add(new SkyvernValidationException.FieldError(location,
						(msg != null) ? msg.asString() : item.toString(), (type != null) ? type.asString() : null));
			}
		}
		return errors;
	}

	private static @Nullable String detail(@Nullable JsonNode json, byte[] body,
			List<SkyvernValidationException.FieldError> fieldErrors) {
		if (!fieldErrors.isEmpty()) {
			return truncate(fieldErrors.stream().map(Object::toString).collect(Collectors.joining("; ")));
		}
		if (json != null && json.isObject()) {
			for (String field : new String[] { "detail", "error", "message" }) {
				JsonNode value = json.get(field);
				if (value != null && !value.isNull()) {
					return truncate(value.isString() ? value.asString() : value.toString());
				}
			}
		}
		if (body.length == 0) {
			return null;
		}
		return truncate(new String(body, StandardCharsets.UTF_8).strip());
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

	/**
	 * Mask every occurrence of a secret in a response body.
	 * @param body the body
	 * @param secret the secret, for example the API key sent with the call
	 * @return the body, unchanged when it does not contain the secret
	 */
	static byte[] redact(byte[] body, String secret) {
		String text = new String(body, StandardCharsets.UTF_8);
		return (!secret.isEmpty() && text.contains(secret)) ? redact(text, secret).getBytes(StandardCharsets.UTF_8)
				: body;
	}

	/**
	 * Mask every occurrence of a secret in a text.
	 * @param text the text
	 * @param secret the secret, for example the API key sent with the call
	 * @return the text with the secret masked
	 */
	static String redact(String text, String secret) {
		return secret.isEmpty() ? text : text.replace(secret, MASK);
	}

	static String truncate(String text) {
		return (text.length() <= MAX_DETAIL_LENGTH) ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...";
	}

	static String firstLine(@Nullable String message) {
		if (message == null) {
			return "no detail";
		}
		int newline = message.indexOf('\n');
		return truncate((newline >= 0) ? message.substring(0, newline) : message);
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + firstLine(message) : "");
	}

}
