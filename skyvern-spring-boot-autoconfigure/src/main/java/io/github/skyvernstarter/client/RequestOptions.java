package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Options for one call, merged over the client's configured defaults without changing them.
 * <p>
 * Like the official SDKs' request options: a response timeout, a retry count, extra headers, query
 * and body parameters, and an API key for this call only. Body parameters apply to calls that send
 * a JSON body (run, retry-webhook) and are merged over the fields this client writes.
 *
 * @since 0.1.0
 */
public final class RequestOptions {

	private static final RequestOptions NONE = new RequestOptions(new Builder());

	private final @Nullable Duration timeout;

	private final @Nullable Integer maxRetries;

	private final Map<String, List<String>> headers;

	private final Map<String, List<String>> queryParameters;

	private final Map<String, @Nullable Object> bodyParameters;

	private final @Nullable String apiKey;

	private RequestOptions(Builder builder) {
		this.timeout = builder.timeout;
		this.maxRetries = builder.maxRetries;
		this.headers = copyOfMultiValue(builder.headers);
		this.queryParameters = copyOfMultiValue(builder.queryParameters);
		this.bodyParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.bodyParameters));
		this.apiKey = builder.apiKey;
	}

	private static Map<String, List<String>> copyOfMultiValue(Map<String, List<String>> source) {
		Map<String, List<String>> copy = new LinkedHashMap<>();
		source.forEach((name, values) -> copy.put(name, List.copyOf(values)));
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * Return options that change nothing.
	 * @return the empty options
	 */
	public static RequestOptions none() {
		return NONE;
	}

	/**
	 * Start building options.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the response timeout for each HTTP attempt of this call.
	 * @return the timeout, or {@code null} for {@code skyvern.response-timeout}
	 */
	public @Nullable Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Return the most retries for this call.
	 * @return the retry count, or {@code null} for {@code skyvern.retry.max-retries}
	 */
	public @Nullable Integer getMaxRetries() {
		return this.maxRetries;
	}

	/**
	 * Return extra headers for this call.
	 * @return header names and values
	 */
	public Map<String, List<String>> getHeaders() {
		return this.headers;
	}

	/**
	 * Return extra query parameters for this call.
	 * @return parameter names and values
	 */
	public Map<String, List<String>> getQueryParameters() {
		return this.queryParameters;
	}

	/**
	 * Return extra JSON body fields for this call.
	 * @return field names and values
	 */
	public Map<String, @Nullable Object> getBodyParameters() {
		return this.bodyParameters;
	}

	/**
	 * Return the API key for this call.
	 * @return the key, or {@code null} for {@code skyvern.api-key}
	 */
	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	/**
	 * Merge these options over a client's defaults, once per call: a value set here wins, and the
	 * extra headers, query and body parameters are these options' own.
	 * @param defaults the client's defaults
	 * @return the values the call uses
	 */
	ResolvedOptions applyDefaults(ResolvedOptions defaults) {
		// An answer may echo the key sent; the configured key is masked too, whichever was sent.
		return new ResolvedOptions((this.timeout != null) ? this.timeout : defaults.timeout(),
				(this.maxRetries != null) ? this.maxRetries : defaults.maxRetries(),
				(this.apiKey != null) ? this.apiKey : defaults.apiKey(),
				(this.apiKey != null) ? defaults.mask().and(this.apiKey) : defaults.mask(), this.headers,
				this.queryParameters, this.bodyParameters);
	}

	@Override
	public String toString() {
		return "RequestOptions[timeout=" + this.timeout + ", maxRetries=" + this.maxRetries + ", headers="
				+ this.headers.keySet() + ", queryParameters=" + this.queryParameters.keySet() + ", bodyParameters="
				+ this.bodyParameters.keySet() + ", apiKey=" + ((this.apiKey != null) ? "******" : "default") + "]";
	}

	/**
	 * Builder for {@link RequestOptions}.
	 */
	public static final class Builder {

		private @Nullable Duration timeout;

		private @Nullable Integer maxRetries;

		private final Map<String, List<String>> headers = new LinkedHashMap<>();

		private final Map<String, List<String>> queryParameters = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> bodyParameters = new LinkedHashMap<>();

		private @Nullable String apiKey;

		private Builder() {
		}

		/**
		 * Set the response timeout for each HTTP attempt of this call.
		 * @param timeout the timeout
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive");
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the most retries for this call ({@code 0} for none).
		 * @param maxRetries the retry count
		 * @return this builder
		 */
		public Builder maxRetries(int maxRetries) {
			if (maxRetries < 0) {
				throw new IllegalArgumentException("maxRetries must not be negative");
			}
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Add a header to this call.
		 * @param name the header's name
		 * @param value the header's value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			this.headers.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			return this;
		}

		/**
		 * Add a query parameter to this call.
		 * @param name the parameter's name
		 * @param value the parameter's value
		 * @return this builder
		 */
		public Builder queryParameter(String name, String value) {
			this.queryParameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			return this;
		}

		/**
		 * Add a field to the JSON body of this call, replacing one this client would write.
		 * @param name the field's name as Skyvern spells it
		 * @param value the field's value
		 * @return this builder
		 */
		public Builder bodyParameter(String name, @Nullable Object value) {
			this.bodyParameters.put(name, value);
			return this;
		}

		/**
		 * Use this API key for this call instead of {@code skyvern.api-key}.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			if (apiKey.isBlank()) {
				throw new IllegalArgumentException("apiKey must not be blank");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RequestOptions build() {
			return new RequestOptions(this);
		}

	}

}
