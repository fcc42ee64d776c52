package io.github.skyvernstarter.webhook;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The checks made on a delivery before its body is read or trusted: method (405), content type
 * (415) and size (413).
 */
final class WebhookRequestCheck {

	private final long maxBodySize;

	WebhookRequestCheck(long maxBodySize) {
		if (maxBodySize < 1) {
			throw new IllegalArgumentException("Max body size must be positive");
		}
		this.maxBodySize = maxBodySize;
	}

	long maxBodySize() {
		return this.maxBodySize;
	}

	@Nullable SkyvernWebhookResponse check(String method, HttpHeaders headers) {
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

	boolean isTooLarge(byte[] body) {
		return body.length > this.maxBodySize;
	}

	static SkyvernWebhookResponse bodyTooLarge() {
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.TOO_LARGE, 413, "body too large");
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

	private static boolean isJson(HttpHeaders headers) {
		String contentType = headers.getFirst(HttpHeaders.CONTENT_TYPE);
		if (contentType == null) {
			return false;
		}
		if (contentType.equalsIgnoreCase(MediaType.APPLICATION_JSON_VALUE)) {
			// What Skyvern sends: no need to parse it.
			return true;
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

}
