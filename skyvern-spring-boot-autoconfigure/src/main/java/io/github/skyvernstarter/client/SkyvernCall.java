package io.github.skyvernstarter.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One API call as it goes on the wire, before per-call options are applied: the operation, the run in
 * its path, and which values travel as JSON body fields, headers and query parameters.
 * <p>
 * A request type gets one mapping that builds its call (see {@link RunWorkflowMapping}); the builder
 * leaves out nulls and empty maps, as Skyvern's own clients do.
 */
final class SkyvernCall {

	private final SkyvernOperation operation;

	private final @Nullable String runId;

	private final @Nullable String pathValue;

	private final @Nullable Map<String, @Nullable Object> body;

	private final HttpHeaders headers;

	private final MultiValueMap<String, String> query;

	private SkyvernCall(Builder builder) {
		this.operation = builder.operation;
		this.pathValue = builder.runId;
		this.runId = builder.pathIsRun ? builder.runId : null;
		this.body = (builder.body != null) ? Collections.unmodifiableMap(builder.body) : null;
		this.headers = HttpHeaders.readOnlyHttpHeaders(builder.headers);
		this.query = builder.query;
	}

	/**
	 * Start a call of the given operation, without a body unless a body field is added.
	 * @param operation the API call
	 * @return a new builder
	 */
	static Builder to(SkyvernOperation operation) {
		return new Builder(operation);
	}

	SkyvernOperation operation() {
		return this.operation;
	}

	/**
	 * Return the run in the call's path, also named in its failures.
	 * @return the run id, or {@code null} when the path has none
	 */
	@Nullable String runId() {
		return this.runId;
	}

	/**
	 * Return the value of the call's one path variable: the run, or another id such as a workflow's.
	 * @return the value, or {@code null} when the path has none
	 */
	@Nullable String pathValue() {
		return this.pathValue;
	}

	HttpHeaders headers() {
		return this.headers;
	}

	MultiValueMap<String, String> query() {
		return this.query;
	}

	/**
	 * Return the JSON body with the call's body parameters put over the fields the mapping wrote.
	 * @param overrides the body parameters of the call's options
	 * @return the body, or {@code null} when the call sends none (a {@code GET}, or a call without
	 * fields)
	 */
	@Nullable Map<String, @Nullable Object> bodyWith(Map<String, @Nullable Object> overrides) {
		if (this.operation.method() == HttpMethod.GET || (this.body == null && overrides.isEmpty())) {
			return null;
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		if (this.body != null) {
			body.putAll(this.body);
		}
		body.putAll(overrides);
		return body;
	}

	/**
	 * Builder for {@link SkyvernCall}.
	 */
	static final class Builder {

		private final SkyvernOperation operation;

		private @Nullable String runId;

		private boolean pathIsRun = true;

		private @Nullable Map<String, @Nullable Object> body;

		private final HttpHeaders headers = new HttpHeaders();

		private final MultiValueMap<String, String> query = new LinkedMultiValueMap<>();

		private Builder(SkyvernOperation operation) {
			this.operation = operation;
		}

		/**
		 * Name the run the call's path holds.
		 * @param runId the run id
		 * @return this builder
		 * @throws IllegalArgumentException if the run id is blank
		 */
		Builder runId(String runId) {
			if (runId == null || runId.isBlank()) {
				throw new IllegalArgumentException("runId must not be blank");
			}
			this.runId = runId;
			return this;
		}

		/**
		 * Send an empty JSON object even when no field is added.
		 * @return this builder
		 */
		Builder emptyBody() {
			fields();
			return this;
		}

		/**
		 * Add a JSON body field, unless the value is {@code null} or an empty map.
		 * @param name the field's name as Skyvern spells it
		 * @param value the value
		 * @return this builder
		 */
		Builder body(String name, @Nullable Object value) {
			if (value != null && !(value instanceof Map<?, ?> map && map.isEmpty())) {
				fields().put(name, value);
			}
			return this;
		}

		/**
		 * Add a header, unless the value is {@code null}.
		 * @param name the header's name
		 * @param value the value, written with {@code toString()}
		 * @return this builder
		 */
		Builder header(String name, @Nullable Object value) {
			if (value != null) {
				this.headers.set(name, value.toString());
			}
			return this;
		}

		/**
		 * Add the query parameter {@code name=true} when the flag is set.
		 * @param name the parameter's name
		 * @param flag whether to add it
		 * @return this builder
		 */
		Builder queryFlag(String name, boolean flag) {
			if (flag) {
				this.query.add(name, "true");
			}
			return this;
		}

		/**
		 * Add a query parameter for each value, leaving out {@code null}s.
		 * @param name the parameter's name
		 * @param values the values, written with {@code toString()}
		 * @return this builder
		 */
		Builder query(String name, @Nullable Object... values) {
			for (Object value : values) {
				if (value != null) {
					this.query.add(name, value.toString());
				}
			}
			return this;
		}

		/**
		 * Name the one path variable of a call whose path holds something other than a run (a
		 * workflow); failures then name no run.
		 * @param value the path variable's value
		 * @return this builder
		 * @throws IllegalArgumentException if the value is blank
		 */
		Builder pathVariable(String value) {
			runId(value);
			this.pathIsRun = false;
			return this;
		}

		private Map<String, @Nullable Object> fields() {
			Map<String, @Nullable Object> fields = this.body;
			if (fields == null) {
				fields = new LinkedHashMap<>();
				this.body = fields;
			}
			return fields;
		}

		SkyvernCall build() {
			return new SkyvernCall(this);
		}

	}

}
