package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One call's options after {@link RequestOptions#applyDefaults(ResolvedOptions)} merged them over the
 * client's defaults: everything after that reads these values, so no later step merges again.
 *
 * @param timeout the response timeout of each HTTP attempt
 * @param maxRetries the most retries of the call
 * @param apiKey the key sent as {@code x-api-key}
 * @param mask masks every key that may come back in an answer: the configured one and the call's own
 * @param headers extra headers
 * @param queryParameters extra query parameters
 * @param bodyParameters JSON body fields put over those the call's mapping wrote
 */
record ResolvedOptions(Duration timeout, long maxRetries, String apiKey, SecretMask mask,
		Map<String, List<String>> headers, Map<String, List<String>> queryParameters,
		Map<String, @Nullable Object> bodyParameters) {

	/**
	 * Return a client's defaults: its response timeout, retry count and API key, and nothing extra.
	 * @param timeout the response timeout of each HTTP attempt
	 * @param maxRetries the most retries of a call
	 * @param apiKey the configured API key
	 * @return the defaults
	 */
	static ResolvedOptions defaults(Duration timeout, long maxRetries, String apiKey) {
		return new ResolvedOptions(timeout, maxRetries, apiKey, SecretMask.of(apiKey), Map.of(), Map.of(), Map.of());
	}

	@Override
	public String toString() {
		return "ResolvedOptions[timeout=" + this.timeout + ", maxRetries=" + this.maxRetries + ", apiKey=******]";
	}

}
