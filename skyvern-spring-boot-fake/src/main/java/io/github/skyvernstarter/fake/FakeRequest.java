package io.github.skyvernstarter.fake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A request as the fake Skyvern sees it, whatever server received it.
 *
 * @param method the HTTP method, in upper case
 * @param path the path without query, for example {@code /v1/runs/wr_1}
 * @param headers the headers, with lower-case names
 * @param query the query parameters, decoded
 * @param body the raw body, empty when there is none
 * @since 0.1.0
 */
public record FakeRequest(String method, String path, Map<String, List<String>> headers,
		Map<String, List<String>> query, byte[] body) {

	/**
	 * Create a request, turning the method into upper case and header names into lower case.
	 * @param method the HTTP method
	 * @param path the path without query
	 * @param headers the headers, names in any case
	 * @param query the query parameters
	 * @param body the raw body
	 */
	public FakeRequest {
		method = method.toUpperCase(Locale.ROOT);
		Map<String, List<String>> lowerCase = new LinkedHashMap<>();
		headers.forEach((name, values) -> lowerCase.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values),
				(first, second) -> Stream.concat(first.stream(), second.stream()).toList()));
		headers = Map.copyOf(lowerCase);
		query = Map.copyOf(query);
	}

	/**
	 * Return the first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header was not sent
	 */
	public @Nullable String header(String name) {
		return first(this.headers.get(name.toLowerCase(Locale.ROOT)));
	}

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the value, or {@code null} when the parameter was not sent
	 */
	public @Nullable String queryParameter(String name) {
		return first(this.query.get(name));
	}

	private static @Nullable String first(@Nullable List<String> values) {
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

}
