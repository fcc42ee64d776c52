package io.github.skyvernstarter.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.github.skyvernstarter.error.SkyvernValidationException.FieldError;
import io.github.skyvernstarter.model.SkyvernJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The body of an error answer, read leniently: {@code {"detail": "..."}},
 * {@code {"detail": [{"loc", "msg", "type"}]}}, {@code {"error": "..."}}, {@code {"message": "..."}}
 * or any other body, taken as text.
 * <p>
 * Every string taken from the body is masked with the {@link SecretMask} of the keys sent with the
 * call before it is kept, then shortened.
 *
 * @param json the body as JSON, or {@code null} when it is empty or not JSON
 * @param detail the error text, or {@code null} when the body has none
 * @param fieldErrors the rejected fields of a validation error, else empty
 */
record ErrorBody(@Nullable JsonNode json, @Nullable String detail, List<FieldError> fieldErrors) {

	/** Starlette's text for a path that matches no route: the base URL, not the resource, is wrong. */
	private static final String NO_SUCH_ROUTE = "Not Found";

	/**
	 * Read an error body.
	 * @param body the body's bytes
	 * @param mask masks the keys sent with the call
	 * @return the error text and field errors, masked and shortened
	 */
	static ErrorBody read(byte[] body, SecretMask mask) {
		JsonNode json = readJson(body);
		List<FieldError> fieldErrors = fieldErrors(json, mask);
		return new ErrorBody(json, detail(json, body, fieldErrors, mask), fieldErrors);
	}

	/**
	 * Whether a 404 means that nothing answers at this path (a wrong base URL) rather than that
	 * Skyvern does not know the run or workflow: Skyvern names what it did not find in {@code detail},
	 * while an unknown route answers Starlette's bare "Not Found", and a proxy or other server answers
	 * with no JSON {@code detail} at all.
	 * @return {@code true} if the answer came from no Skyvern route
	 */
	boolean isRouteMiss() {
		JsonNode value = (this.json != null && this.json.isObject()) ? this.json.get("detail") : null;
		return value == null || !value.isString()
				|| NO_SUCH_ROUTE.equalsIgnoreCase(String.valueOf(this.detail).strip());
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

	private static List<FieldError> fieldErrors(@Nullable JsonNode json, SecretMask mask) {
		List<FieldError> errors = new ArrayList<>();
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
				errors.add(new FieldError(safe(location, mask), safe((msg != null) ? msg.asString() : item.toString(), mask),
						(type != null) ? safe(type.asString(), mask) : null));
			}
		}
		return errors;
	}

	private static @Nullable String detail(@Nullable JsonNode json, byte[] body, List<FieldError> fieldErrors,
			SecretMask mask) {
		if (!fieldErrors.isEmpty()) {
			return FailureText.truncate(fieldErrors.stream().map(Object::toString).collect(Collectors.joining("; ")));
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
		return mask.redactWithFragments(FailureText.truncate(mask.redact(text)));
	}

}
