package io.github.skyvernstarter.client;

import java.util.Collection;
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

	private final @Nullable String workflowId;

	private final @Nullable Map<String, @Nullable Object> body;

	private final HttpHeaders headers;

	private final MultiValueMap<String, String> query;

	private SkyvernCall(Builder builder) {
		this.operation = builder.operation;
		this.runId = builder.runId;
		this.workflowId = builder.workflowId;
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
	 * Return the values of the URI template's path variables by name: the run or the workflow.
	 * @return the variables, empty when the path has none
	 */
	Map<String, Object> pathVariables() {
		Map<String, Object> variables = new LinkedHashMap<>();
		if (this.runId != null) {
			variables.put("runId", this.runId);
		}
		if (this.workflowId != null) {
			variables.put("workflowId", this.workflowId);
		}
		return variables;
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

		private @Nullable String workflowId;

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
		 * Name the workflow the call's path holds.
		 * @param workflowId the workflow id
		 * @return this builder
		 * @throws IllegalArgumentException if the workflow id is blank
		 */
		Builder workflowId(String workflowId) {
			if (workflowId == null || workflowId.isBlank()) {
				throw new IllegalArgumentException("workflowId must not be blank");
			}
			this.workflowId = workflowId;
			return this;
		}

		/**
		 * Add a query parameter, unless the value is {@code null}.
		 * @param name the parameter's name
		 * @param value the value, written with {@code toString()}
		 * @return this builder
		 */
		Builder query(String name, @Nullable Object value) {
			if (value != null) {
				this.query.add(name, value.toString());
			}
			return this;
		}

		/**
		 * Add a repeated query parameter, once per value ({@code ?status=a&status=b}).
		 * @param name the parameter's name
		 * @param values the values, each written with {@code toString()}
		 * @return this builder
		 */
		Builder query(String name, Collection<?> values) {
			values.forEach((value) -> query(name, value));
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
