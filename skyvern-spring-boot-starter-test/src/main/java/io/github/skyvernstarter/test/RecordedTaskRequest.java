package io.github.skyvernstarter.test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.github.skyvernstarter.fake.FakeJson;
import io.github.skyvernstarter.fake.RecordedTaskStart;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * A request to start a task run ({@code POST /v1/run/tasks}) that reached the {@link SkyvernStub}, with
 * assertions on what it carried. Field names are Skyvern's ({@code prompt}, {@code url},
 * {@code engine}, {@code webhook_url}, ...).
 *
 * @since 0.1.0
 */
public final class RecordedTaskRequest {

	private final RecordedTaskStart start;

	RecordedTaskRequest(RecordedTaskStart start) {
		this.start = start;
	}

	/**
	 * Return the id of the task run the stub created.
	 * @return the run id ({@code tsk_...}), or {@code null} when the stub answered with an error before
	 * creating one
	 */
	public @Nullable String runId() {
		return this.start.runId();
	}

	/**
	 * Whether the stub created a task run for this request, even if it then answered with an error.
	 * @return {@code true} if a run was created
	 */
	public boolean started() {
		return this.start.started();
	}

	/**
	 * Whether the stub answered this request with an error (a run may exist all the same).
	 * @return {@code true} for an error answer
	 */
	public boolean answeredWithError() {
		return this.start.answeredWithError();
	}

	/**
	 * Return the {@code run_type} of the created run, from the engine.
	 * @return for example {@code task_v1}, or {@code null} when no run was created
	 */
	public @Nullable String runType() {
		return this.start.runType();
	}

	/**
	 * Return the JSON body as sent.
	 * @return the body
	 */
	public JsonNode body() {
		return this.start.body();
	}

	/**
	 * Return the task's {@code prompt}.
	 * @return the prompt
	 */
	public @Nullable String prompt() {
		return text("prompt");
	}

	/**
	 * Return the task's {@code url}.
	 * @return the URL, or {@code null} when none was sent
	 */
	public @Nullable String url() {
		return text("url");
	}

	/**
	 * Return the task's {@code title} as sent: on a 1.0-family engine with exactly-once run starts on, the
	 * caller's title followed by the starter's token {@code [client-request-id:...]} (the token alone for
	 * a task without title).
	 * @return the title, or {@code null} when none was sent
	 */
	public @Nullable String title() {
		return text("title");
	}

	/**
	 * Return the task's {@code webhook_url}.
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
		List<String> values = this.start.headers().get(name.toLowerCase(Locale.ROOT));
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	/**
	 * Assert that the request carried the given {@code prompt}.
	 * @param expected the expected prompt
	 * @return this request
	 */
	public RecordedTaskRequest hasPrompt(String expected) {
		return hasBodyField("prompt", expected);
	}

	/**
	 * Assert that the request carried the given {@code url}.
	 * @param expected the expected URL
	 * @return this request
	 */
	public RecordedTaskRequest hasUrl(String expected) {
		return hasBodyField("url", expected);
	}

	/**
	 * Assert that a body field, by Skyvern's name, had the given value.
	 * @param name the field name, for example {@code engine}, {@code max_steps} or
	 * {@code data_extraction_schema}
	 * @param expected the expected value, compared as JSON; {@code null} for an absent field
	 * @return this request
	 */
	public RecordedTaskRequest hasBodyField(String name, @Nullable Object expected) {
		JsonNode actual = body().get(name);
		JsonNode actualJson = (actual != null) ? actual : NullNode.getInstance();
		JsonNode expectedJson = FakeJson.toJson(expected);
		boolean same = (expectedJson.isNumber() && actualJson.isNumber())
				? expectedJson.decimalValue().compareTo(actualJson.decimalValue()) == 0
				: Objects.equals(expectedJson, actualJson);
		if (!same) {
			throw new AssertionError("Expected the task request to have body field '" + name + "' " + expectedJson
					+ " but it was " + actualJson + "\nRequest body: " + body());
		}
		return this;
	}

	/**
	 * Assert that a request header had the given value.
	 * @param name the header name, in any case
	 * @param expected the expected value
	 * @return this request
	 */
	public RecordedTaskRequest hasHeader(String name, String expected) {
		String actual = header(name);
		if (!expected.equals(actual)) {
			throw new AssertionError("Expected the task request to have header '" + name + "' " + expected
					+ " but it was " + ((actual != null) ? actual : "no such header"));
		}
		return this;
	}

	private @Nullable String text(String field) {
		JsonNode value = body().get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	@Override
	public String toString() {
		return "RecordedTaskRequest" + Map.of("runId", String.valueOf(runId()), "body", body());
	}

}
