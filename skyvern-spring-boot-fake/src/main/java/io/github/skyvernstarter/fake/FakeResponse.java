package io.github.skyvernstarter.fake;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An answer of the fake Skyvern, for the server adapter to send as it is.
 *
 * @param status the HTTP status
 * @param headers the response headers, {@code Content-Type} among them
 * @param body the raw body
 * @since 0.1.0
 */
public record FakeResponse(int status, Map<String, String> headers, byte[] body) {

	private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

	/**
	 * Return a 200 answer with the given JSON.
	 * @param json the body
	 * @return the answer
	 */
	public static FakeResponse json(JsonNode json) {
		return json(200, FakeJson.write(json));
	}

	/**
	 * Return a JSON answer.
	 * @param status the HTTP status
	 * @param body the JSON bytes
	 * @return the answer
	 */
	public static FakeResponse json(int status, byte[] body) {
		return new FakeResponse(status, JSON, body);
	}

	/**
	 * Return an error in Skyvern's error JSON: {@code {"error": ...}} for 500, a validation list for
	 * 422, {@code {"detail": ...}} otherwise.
	 * @param status the HTTP status
	 * @param detail the error text
	 * @return the answer
	 */
	public static FakeResponse error(int status, String detail) {
		return json(status, FakeWireFormat.error(status, detail));
	}

	/**
	 * Return the body as UTF-8 text.
	 * @return the body
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
