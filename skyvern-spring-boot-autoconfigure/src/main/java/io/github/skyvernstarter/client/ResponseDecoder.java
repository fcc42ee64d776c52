package io.github.skyvernstarter.client;

import io.github.skyvernstarter.model.SkyvernJson;

/**
 * Reads the body of a successful answer; a body it cannot read fails with a {@code JacksonException}
 * or an {@link IllegalArgumentException}, which the client reports as a malformed answer.
 *
 * @param <T> what the answer is read into
 */
@FunctionalInterface
interface ResponseDecoder<T> {

	T decode(byte[] body);

	/**
	 * Return a decoder that reads Skyvern's JSON into the given type.
	 * @param <T> the type
	 * @param type the type
	 * @return the decoder
	 */
	static <T> ResponseDecoder<T> json(Class<T> type) {
		return (body) -> SkyvernJson.mapper().readValue(body, type);
	}

	/**
	 * Return a decoder for answers whose body does not matter.
	 * @return the decoder
	 */
	static ResponseDecoder<Boolean> ignoringBody() {
		return (body) -> Boolean.TRUE;
	}

}
