package io.github.skyvernstarter.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A request to run a single Skyvern task ({@code POST /v1/run/tasks}), with every field of Skyvern's
 * {@code TaskRunRequest}. Build one with {@link #builder(String)}.
 * <p>
 * The body fields are kept under the names Skyvern reads ({@link #fields()}); {@code userAgent} travels
 * as the {@code x-user-agent} header, and {@code waitForCompletion} and {@code waitTimeout} are never
 * sent: they tell the template whether and how long to wait.
 *
 * @param prompt what the task should do
 * @param fields the other body fields by Skyvern's name ({@code url}, {@code engine}, ...), without
 * {@code prompt}
 * @param userAgent the value of header {@code x-user-agent}, or {@code null}
 * @param waitForCompletion whether {@code runTask} waits for a final status
 * @param waitTimeout how long to wait when waiting, or {@code null} for {@code skyvern.wait-timeout}
 * @since 0.1.0
 */
public record TaskRunRequest(String prompt, Map<String, Object> fields, @Nullable String userAgent,
		boolean waitForCompletion, @Nullable Duration waitTimeout) {

	/** The default engine, {@code skyvern-1.0}. */
	public static final String ENGINE_1_0 = "skyvern-1.0";

	/**
	 * Create a request, copying its fields; {@link #builder(String)} is the usual way.
	 * @param prompt what the task should do
	 * @param fields the other body fields by Skyvern's name
	 * @param userAgent the value of header {@code x-user-agent}, or {@code null}
	 * @param waitForCompletion whether {@code runTask} waits for a final status
	 * @param waitTimeout how long to wait, or {@code null} for the default
	 */
	public TaskRunRequest {
		if (prompt == null || prompt.isBlank()) {
			throw new IllegalArgumentException("prompt must not be blank");
		}
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
		if (fields.containsKey("prompt")) {
			throw new IllegalArgumentException("prompt is not one of the other fields");
		}
		if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
			throw new IllegalArgumentException("waitTimeout must be positive");
		}
		if (userAgent != null && Set.of("skyvern-ui", "skyvern-mcp").contains(userAgent.strip().toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException("userAgent '" + userAgent + "' is reserved by Skyvern");
		}
	}

	/**
	 * Start building a request.
	 * @param prompt what the task should do
	 * @return a new builder
	 */
	public static Builder builder(String prompt) {
		return new Builder(prompt);
	}

	/**
	 * Return the {@code webhook_url} the request sends, if any.
	 * @return the webhook URL, or {@code null}
	 */
	public @Nullable String webhookUrl() {
		return (this.fields.get("webhook_url") instanceof String url) ? url : null;
	}

	/**
	 * Return the engine the request asks for, {@code skyvern-1.0} when it names none.
	 * @return the engine
	 */
	public String engine() {
		return (this.fields.get("engine") instanceof String engine) ? engine : ENGINE_1_0;
	}

	/**
	 * Return this request with the given {@code webhook_url}.
	 * @param webhookUrl the URL
	 * @return a new request
	 */
	public TaskRunRequest withWebhookUrl(String webhookUrl) {
		Map<String, Object> withUrl = new LinkedHashMap<>(this.fields);
		withUrl.put("webhook_url", webhookUrl);
		return new TaskRunRequest(this.prompt, withUrl, this.userAgent, this.waitForCompletion, this.waitTimeout);
	}

	/**
	 * Builder for {@link TaskRunRequest}; each method sets the body field of the same name.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final String prompt;

		private final Map<String, Object> fields = new LinkedHashMap<>();

		private @Nullable String userAgent;

		private boolean waitForCompletion;

		private @Nullable Duration waitTimeout;

		private Builder(String prompt) {
			this.prompt = prompt;
		}

		private Builder field(String name, @Nullable Object value) {
			if (value == null) {
				this.fields.remove(name);
			}
			else {
				this.fields.put(name, value);
			}
			return this;
		}

		/**
		 * Set {@code url}, where the task starts.
		 * @param url the URL
		 * @return this builder
		 */
		public Builder url(String url) {
			return field("url", url);
		}

		/**
		 * Set {@code engine}: {@code skyvern-1.0} (default), {@code skyvern-2.0}, {@code skyvern-3.0},
		 * {@code openai-cua}, {@code anthropic-cua}, {@code ui-tars} or {@code yutori-navigator}.
		 * @param engine the engine
		 * @return this builder
		 */
		public Builder engine(String engine) {
			return field("engine", engine);
		}

		/**
		 * Set {@code title} (ignored by {@code skyvern-2.0}).
		 * @param title the title
		 * @return this builder
		 */
		public Builder title(String title) {
			return field("title", title);
		}

		/**
		 * Set {@code proxy_location}.
		 * @param proxyLocation where browser traffic leaves from
		 * @return this builder
		 */
		public Builder proxyLocation(ProxyLocation proxyLocation) {
			return field("proxy_location", proxyLocation);
		}

		/**
		 * Set {@code data_extraction_schema}: a JSON Schema as a map or {@code JsonNode}, or a string.
		 * @param schema the schema of the data to extract
		 * @return this builder
		 */
		public Builder dataExtractionSchema(Object schema) {
			return field("data_extraction_schema", schema);
		}

		/**
		 * Set {@code error_code_mapping}: error codes and when the task should report them.
		 * @param mapping code to description
		 * @return this builder
		 */
		public Builder errorCodeMapping(Map<String, String> mapping) {
			return field("error_code_mapping", Map.copyOf(mapping));
		}

		/**
		 * Set {@code max_steps}, the task's step limit (the task reads no {@code x-max-steps-override}).
		 * @param maxSteps the limit
		 * @return this builder
		 */
		public Builder maxSteps(int maxSteps) {
			return field("max_steps", maxSteps);
		}

		/**
		 * Set {@code webhook_url}; without one, {@code skyvern.webhooks.public-url} fills it.
		 * @param webhookUrl the URL Skyvern POSTs the finished run to
		 * @return this builder
		 */
		public Builder webhookUrl(String webhookUrl) {
			return field("webhook_url", webhookUrl);
		}

		/**
		 * Set {@code totp_identifier} and {@code totp_url}; either may be {@code null}.
		 * @param totpIdentifier identifier of pushed TOTP codes
		 * @param totpUrl URL Skyvern fetches TOTP codes from
		 * @return this builder
		 */
		public Builder totp(@Nullable String totpIdentifier, @Nullable String totpUrl) {
			return field("totp_identifier", totpIdentifier).field("totp_url", totpUrl);
		}

		/**
		 * Set {@code browser_session_id}, {@code browser_profile_id} and {@code browser_address}; any may
		 * be {@code null}.
		 * @param sessionId a persistent browser session
		 * @param profileId a browser profile (2.0 engines only)
		 * @param address a CDP address to connect to
		 * @return this builder
		 */
		public Builder browser(@Nullable String sessionId, @Nullable String profileId, @Nullable String address) {
			return field("browser_session_id", sessionId).field("browser_profile_id", profileId)
				.field("browser_address", address);
		}

		/**
		 * Set a boolean field: {@code start_fresh_browser}, {@code publish_workflow} or
		 * {@code include_action_history_in_verification}.
		 * @param name the field's name as Skyvern spells it
		 * @param value the value
		 * @return this builder
		 */
		public Builder flag(String name, boolean value) {
			if (!name.equals("start_fresh_browser") && !name.equals("publish_workflow")
					&& !name.equals("include_action_history_in_verification")) {
				throw new IllegalArgumentException("Not a boolean field of TaskRunRequest: " + name);
			}
			return field(name, value);
		}

		/**
		 * Set {@code model}, the model configuration.
		 * @param model the configuration
		 * @return this builder
		 */
		public Builder model(Map<String, ?> model) {
			return field("model", Map.copyOf(model));
		}

		/**
		 * Set {@code extra_http_headers} and {@code cdp_connect_headers}; either may be empty.
		 * @param extraHttpHeaders headers the browser sends
		 * @param cdpConnectHeaders headers sent when connecting to {@code browser_address}
		 * @return this builder
		 */
		public Builder headers(Map<String, String> extraHttpHeaders, Map<String, String> cdpConnectHeaders) {
			return field("extra_http_headers", extraHttpHeaders.isEmpty() ? null : Map.copyOf(extraHttpHeaders))
				.field("cdp_connect_headers", cdpConnectHeaders.isEmpty() ? null : Map.copyOf(cdpConnectHeaders));
		}

		/**
		 * Set {@code max_screenshot_scrolls} and {@code run_with} ({@code agent} or {@code code}, 2.0
		 * engines only); either may be {@code null}.
		 * @param maxScreenshotScrolls how many times to scroll for screenshots
		 * @param runWith how to run
		 * @return this builder
		 */
		public Builder run(@Nullable Integer maxScreenshotScrolls, @Nullable String runWith) {
			return field("max_screenshot_scrolls", maxScreenshotScrolls).field("run_with", runWith);
		}

		/**
		 * Set header {@code x-user-agent}.
		 * @param userAgent the value; {@code skyvern-ui} and {@code skyvern-mcp} are refused
		 * @return this builder
		 */
		public Builder userAgent(String userAgent) {
			this.userAgent = userAgent;
			return this;
		}

		/**
		 * Make {@code runTask} wait for the run's final status, for at most {@code timeout} or
		 * {@code skyvern.wait-timeout} when {@code null}.
		 * @param timeout the longest wait, or {@code null}
		 * @return this builder
		 */
		public Builder waitForCompletion(@Nullable Duration timeout) {
			this.waitForCompletion = true;
			this.waitTimeout = timeout;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 */
		public TaskRunRequest build() {
			return new TaskRunRequest(this.prompt, this.fields, this.userAgent, this.waitForCompletion,
					this.waitTimeout);
		}

	}

}
