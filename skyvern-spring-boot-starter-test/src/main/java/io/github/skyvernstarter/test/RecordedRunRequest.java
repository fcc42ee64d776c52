package io.github.skyvernstarter.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.skyvernstarter.fake.FakeJson;
import io.github.skyvernstarter.fake.RecordedRunStart;
import io.github.skyvernstarter.model.SkyvernJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A request to start a workflow run that reached the {@link SkyvernStub}, with assertions on what it
 * carried. Field names are Skyvern's ({@code parameters}, {@code title}, {@code webhook_url}, ...).
 *
 * @since 0.1.0
 */
public final class RecordedRunRequest {

	private static final TypeReference<Map<String, @Nullable Object>> MAP = new TypeReference<>() {
	};

	private final @Nullable String runId;

	private final String workflowId;

	private final JsonNode body;

	private final Map<String, List<String>> headers;

	private final Map<String, List<String>> queryParameters;

	RecordedRunRequest(RecordedRunStart start) {
		this.runId = start.runId();
		this.workflowId = start.workflowId();
		this.body = start.body();
		this.headers = start.headers();
		this.queryParameters = start.query();
	}

	/**
	 * Return the id of the run the stub created.
	 * @return the run id, or {@code null} when the stub answered with an error
	 */
	public @Nullable String runId() {
		return this.runId;
	}

	/**
	 * Whether the stub created a run for this request (rather than answering with an error).
	 * @return {@code true} if a run was created
	 */
	public boolean started() {
		return this.runId != null;
	}

	/**
	 * Return the workflow id the request named ({@code agent_id}, or its alias {@code workflow_id}).
	 * @return the workflow id
	 */
	public String workflowId() {
		return this.workflowId;
	}

	/**
	 * Return the JSON body as sent.
	 * @return the body
	 */
	public JsonNode body() {
		return this.body;
	}

	/**
	 * Return the workflow parameters as sent: strings, numbers, booleans, lists and maps.
	 * @return the parameters, empty when none were sent
	 */
	public Map<String, @Nullable Object> parameters() {
		JsonNode parameters = this.body.get("parameters");
		if (parameters == null || !parameters.isObject()) {
			return Map.of();
		}
		return SkyvernJson.mapper().convertValue(parameters, MAP);
	}

	/**
	 * Return the run's {@code title}.
	 * @return the title, or {@code null} when none was sent
	 */
	public @Nullable String title() {
		return text("title");
	}

	/**
	 * Return the run's {@code webhook_url}.
	 * @return the webhook URL, or {@code null} when none was sent
	 */
	public @Nullable String webhookUrl() {
		return text("webhook_url");
	}

	/**
	 * Return the first value of a request header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null} when the header was not sent
	 */
	public @Nullable String header(String name) {
		List<String> values = this.headers.get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Return all request headers, with lower-case names.
	 * @return the headers
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/**
	 * Return the query parameters, for example {@code template=true}.
	 * @return the query parameters
	 */
	public Map<String, List<String>> queryParameters() {
		return this.queryParameters;
	}

	/**
	 * Assert that the request carried the given workflow parameter.
	 * @param name the parameter name
	 * @param expected the expected value, compared as JSON ({@code 3} equals {@code 3L})
	 * @return this request
	 */
	public RecordedRunRequest hasParameter(String name, @Nullable Object expected) {
		JsonNode parameters = this.body.get("parameters");
		JsonNode actual = (parameters != null) ? parameters.get(name) : null;
		if (actual == null) {
			throw failure("parameter '" + name + "'", expected, "no such parameter");
		}
		return check("parameter '" + name + "'", expected, actual);
	}

	/**
	 * Assert that the request carried exactly the given workflow parameters.
	 * @param expected the expected parameters
	 * @return this request
	 */
	public RecordedRunRequest hasParameters(Map<String, ?> expected) {
		JsonNode actual = this.body.get("parameters");
		JsonNode expectedJson = FakeJson.toJson(expected);
		if (expected.isEmpty() && (actual == null || actual.isEmpty())) {
			return this;
		}
		return check("parameters", expectedJson, (actual != null) ? actual : NullNode.getInstance());
	}

	/**
	 * Assert that the request carried the given {@code title}.
	 * @param expected the expected title
	 * @return this request
	 */
	public RecordedRunRequest hasTitle(String expected) {
		return hasBodyField("title", expected);
	}

	/**
	 * Assert that the request carried the given {@code webhook_url}.
	 * @param expected the expected URL
	 * @return this request
	 */
	public RecordedRunRequest hasWebhookUrl(String expected) {
		return hasBodyField("webhook_url", expected);
	}

	/**
	 * Assert that a body field, by Skyvern's name, had the given value.
	 * @param name the field name, for example {@code proxy_location} or {@code max_elapsed_time_minutes}
	 * @param expected the expected value, compared as JSON; {@code null} for an absent field
	 * @return this request
	 */
	public RecordedRunRequest hasBodyField(String name, @Nullable Object expected) {
		JsonNode actual = this.body.get(name);
		return check("body field '" + name + "'", expected, (actual != null) ? actual : NullNode.getInstance());
	}

	/**
	 * Assert that a request header had the given value.
	 * @param name the header name, in any case
	 * @param expected the expected value
	 * @return this request
	 */
	public RecordedRunRequest hasHeader(String name, String expected) {
		String actual = header(name);
		if (!expected.equals(actual)) {
			throw failure("header '" + name + "'", expected, (actual != null) ? actual : "no such header");
		}
		return this;
	}

	private RecordedRunRequest check(String what, @Nullable Object expected, JsonNode actual) {
		JsonNode expectedJson = FakeJson.toJson(expected);
		if (!sameJson(expectedJson, actual)) {
			throw failure(what, expectedJson, actual);
		}
		return this;
	}

	private static boolean sameJson(JsonNode expected, JsonNode actual) {
		if (expected.isNumber() && actual.isNumber()) {
			return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
		}
		return Objects.equals(expected, actual);
	}

	private AssertionError failure(String what, @Nullable Object expected, Object actual) {
		return new AssertionError("Expected the run request for " + this.workflowId + " to have " + what + " "
				+ FakeJson.toJson(expected) + " but it was " + actual + "\nRequest body: " + this.body);
	}

	private @Nullable String text(String field) {
		JsonNode value = this.body.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	@Override
	public String toString() {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("runId", this.runId);
		summary.put("workflowId", this.workflowId);
		summary.put("body", this.body);
		return "RecordedRunRequest" + summary;
	}

}
