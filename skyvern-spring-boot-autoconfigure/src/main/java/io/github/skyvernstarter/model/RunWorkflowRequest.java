package io.github.skyvernstarter.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A request to run a Skyvern workflow ("agent"), with every parameter Skyvern's {@code run_workflow}
 * accepts. Build one with {@link #builder(String)}.
 * <p>
 * {@code waitForCompletion} and {@code waitTimeout} are never sent: they tell the template whether and
 * how long to wait. Where every other value goes (body field, header or query parameter) is decided in
 * one place, the client's mapping of this request, and listed in {@code docs/running-workflows.md}.
 *
 * @param workflowId the workflow to run ({@code wpid_...}); sent as {@code agent_id}
 * @param parameters the workflow's input parameters
 * @param waitForCompletion whether {@code runWorkflow} waits for a final status
 * @param waitTimeout how long to wait when waiting, or {@code null} for {@code skyvern.wait-timeout}
 * @param runWith {@code agent} or {@code code}, or {@code null} for the workflow's setting
 * @param aiFallback whether a code run may fall back to the AI agent
 * @param browserSessionId a persistent browser session to run in
 * @param browserProfileId a browser profile to start from
 * @param proxyLocation where browser traffic leaves from
 * @param maxStepsOverride step limit for this run (header {@code x-max-steps-override})
 * @param webhookUrl URL Skyvern POSTs the finished run to
 * @param title a title for the run
 * @param totpIdentifier identifier of the TOTP codes Skyvern may use
 * @param totpUrl URL Skyvern fetches TOTP codes from
 * @param template whether the workflow id names a workflow template (query {@code template=true})
 * @param userAgent the browser's user agent (header {@code x-user-agent})
 * @param extraHttpHeaders extra headers the browser sends
 * @param maxScreenshotScrolls how many times to scroll for screenshots
 * @param browserAddress address of a browser to connect to (CDP)
 * @param reuseBrowserSession whether to reuse the workflow's persistent browser session
 * @param startFreshBrowser whether to start from a fresh browser
 * @param maxElapsedTimeMinutes the run's own time limit on the server, 1 to 480 minutes
 * @param cdpConnectHeaders headers sent when connecting to {@code browserAddress}
 * @param runMetadata up to 20 string pairs stored with the run
 * @since 0.1.0
 */
public record RunWorkflowRequest(String workflowId, Map<String, Object> parameters, boolean waitForCompletion,
		@Nullable Duration waitTimeout, @Nullable String runWith, @Nullable Boolean aiFallback,
		@Nullable String browserSessionId, @Nullable String browserProfileId, @Nullable ProxyLocation proxyLocation,
		@Nullable Integer maxStepsOverride, @Nullable String webhookUrl, @Nullable String title,
		@Nullable String totpIdentifier, @Nullable String totpUrl, boolean template, @Nullable String userAgent,
		Map<String, String> extraHttpHeaders, @Nullable Integer maxScreenshotScrolls, @Nullable String browserAddress,
		@Nullable Boolean reuseBrowserSession, @Nullable Boolean startFreshBrowser,
		@Nullable Integer maxElapsedTimeMinutes, Map<String, String> cdpConnectHeaders,
		Map<String, String> runMetadata) {

	/** Run with the AI agent. */
	public static final String RUN_WITH_AGENT = "agent";

	/** Run the workflow's generated code. */
	public static final String RUN_WITH_CODE = "code";

	/**
	 * The {@code totpUrl} that {@link Builder#totpUrlFromReceiver()} sets: replaced by the URL of this
	 * application's 2FA receiver before the request is sent, never sent itself.
	 */
	public static final String TOTP_RECEIVER = "skyvern-starter:totp-receiver";

	// Skyvern treats these user agents as its own UI and MCP server and changes behaviour.
	private static final Set<String> RESERVED_USER_AGENTS = Set.of("skyvern-ui", "skyvern-mcp");

	private static final int MAX_RUN_METADATA = 20;

	/**
	 * Create a request, copying its maps; {@link #builder(String)} is the usual way.
	 * @param workflowId the workflow to run ({@code wpid_...}); sent as {@code agent_id}
	 * @param parameters the workflow's input parameters
	 * @param waitForCompletion whether {@code runWorkflow} waits for a final status
	 * @param waitTimeout how long to wait when waiting, or {@code null} for {@code skyvern.wait-timeout}
	 * @param runWith {@code agent} or {@code code}, or {@code null} for the workflow's setting
	 * @param aiFallback whether a code run may fall back to the AI agent
	 * @param browserSessionId a persistent browser session to run in
	 * @param browserProfileId a browser profile to start from
	 * @param proxyLocation where browser traffic leaves from
	 * @param maxStepsOverride step limit for this run (header {@code x-max-steps-override})
	 * @param webhookUrl URL Skyvern POSTs the finished run to
	 * @param title a title for the run
	 * @param totpIdentifier identifier of the TOTP codes Skyvern may use
	 * @param totpUrl URL Skyvern fetches TOTP codes from
	 * @param template whether the workflow id names a workflow template (query {@code template=true})
	 * @param userAgent the browser's user agent (header {@code x-user-agent})
	 * @param extraHttpHeaders extra headers the browser sends
	 * @param maxScreenshotScrolls how many times to scroll for screenshots
	 * @param browserAddress address of a browser to connect to (CDP)
	 * @param reuseBrowserSession whether to reuse the workflow's persistent browser session
	 * @param startFreshBrowser whether to start from a fresh browser
	 * @param maxElapsedTimeMinutes the run's own time limit on the server, 1 to 480 minutes
	 * @param cdpConnectHeaders headers sent when connecting to {@code browserAddress}
	 * @param runMetadata up to 20 string pairs stored with the run
	 * @throws IllegalArgumentException if a value is out of range (see the builder's methods)
	 */
	public RunWorkflowRequest {
		if (workflowId == null || workflowId.isBlank()) {
			throw new IllegalArgumentException("workflowId must not be blank");
		}
		parameters = copy(parameters);
		extraHttpHeaders = copy(extraHttpHeaders);
		cdpConnectHeaders = copy(cdpConnectHeaders);
		runMetadata = copy(runMetadata);
		if (waitTimeout != null && (waitTimeout.isNegative() || waitTimeout.isZero())) {
			throw new IllegalArgumentException("waitTimeout must be positive");
		}
		if (runWith != null && !RUN_WITH_AGENT.equals(runWith) && !RUN_WITH_CODE.equals(runWith)) {
			throw new IllegalArgumentException("runWith must be 'agent' or 'code'");
		}
		if (maxElapsedTimeMinutes != null && (maxElapsedTimeMinutes < 1 || maxElapsedTimeMinutes > 480)) {
			throw new IllegalArgumentException("maxElapsedTimeMinutes must be between 1 and 480");
		}
		if (maxStepsOverride != null && maxStepsOverride < 1) {
			throw new IllegalArgumentException("maxStepsOverride must be positive");
		}
		if (userAgent != null && RESERVED_USER_AGENTS.contains(userAgent.trim().toLowerCase(java.util.Locale.ROOT))) {
			throw new IllegalArgumentException("userAgent '" + userAgent + "' is reserved by Skyvern");
		}
		if (runMetadata.size() > MAX_RUN_METADATA) {
			throw new IllegalArgumentException("runMetadata takes at most " + MAX_RUN_METADATA + " entries");
		}
		// Skyvern drops some entries silently and stores others no tag filter can match: refuse both.
		runMetadata.forEach((key, value) -> {
			RunTags.checkKey(key);
			RunTags.checkValue(value);
		});
	}

	private static <V> Map<String, V> copy(@Nullable Map<String, V> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

	/**
	 * Start a builder for a run of the given workflow.
	 * @param workflowId the workflow to run ({@code wpid_...})
	 * @return a new builder
	 */
	public static Builder builder(String workflowId) {
		return new Builder(workflowId);
	}

	/**
	 * Return a builder holding this request's values.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder(this.workflowId);
		builder.parameters.putAll(this.parameters);
		builder.waitForCompletion = this.waitForCompletion;
		builder.waitTimeout = this.waitTimeout;
		builder.runWith = this.runWith;
		builder.aiFallback = this.aiFallback;
		builder.browserSessionId = this.browserSessionId;
		builder.browserProfileId = this.browserProfileId;
		builder.proxyLocation = this.proxyLocation;
		builder.maxStepsOverride = this.maxStepsOverride;
		builder.webhookUrl = this.webhookUrl;
		builder.title = this.title;
		builder.totpIdentifier = this.totpIdentifier;
		builder.totpUrl = this.totpUrl;
		builder.template = this.template;
		builder.userAgent = this.userAgent;
		builder.extraHttpHeaders.putAll(this.extraHttpHeaders);
		builder.maxScreenshotScrolls = this.maxScreenshotScrolls;
		builder.browserAddress = this.browserAddress;
		builder.reuseBrowserSession = this.reuseBrowserSession;
		builder.startFreshBrowser = this.startFreshBrowser;
		builder.maxElapsedTimeMinutes = this.maxElapsedTimeMinutes;
		builder.cdpConnectHeaders.putAll(this.cdpConnectHeaders);
		builder.runMetadata.putAll(this.runMetadata);
		return builder;
	}

	/**
	 * Builder for {@link RunWorkflowRequest}; values left unset are not sent.
	 */
	public static final class Builder {

		private String workflowId;

		private final Map<String, Object> parameters = new LinkedHashMap<>();

		private boolean waitForCompletion;

		private @Nullable Duration waitTimeout;

		private @Nullable String runWith;

		private @Nullable Boolean aiFallback;

		private @Nullable String browserSessionId;

		private @Nullable String browserProfileId;

		private @Nullable ProxyLocation proxyLocation;

		private @Nullable Integer maxStepsOverride;

		private @Nullable String webhookUrl;

		private @Nullable String title;

		private @Nullable String totpIdentifier;

		private @Nullable String totpUrl;

		private boolean template;

		private @Nullable String userAgent;

		private final Map<String, String> extraHttpHeaders = new LinkedHashMap<>();

		private @Nullable Integer maxScreenshotScrolls;

		private @Nullable String browserAddress;

		private @Nullable Boolean reuseBrowserSession;

		private @Nullable Boolean startFreshBrowser;

		private @Nullable Integer maxElapsedTimeMinutes;

		private final Map<String, String> cdpConnectHeaders = new LinkedHashMap<>();

		private final Map<String, String> runMetadata = new LinkedHashMap<>();

		private Builder(String workflowId) {
			this.workflowId = workflowId;
		}

		/**
		 * Set the workflow to run.
		 * @param workflowId the workflow id ({@code wpid_...})
		 * @return this builder
		 */
		public Builder workflowId(String workflowId) {
			this.workflowId = workflowId;
			return this;
		}

		/**
		 * Add the workflow's input parameters.
		 * @param parameters parameter names and values (any JSON-serializable values)
		 * @return this builder
		 */
		public Builder parameters(Map<String, ?> parameters) {
			this.parameters.putAll(parameters);
			return this;
		}

		/**
		 * Add one workflow input parameter.
		 * @param name the parameter's name
		 * @param value its value (any JSON-serializable value)
		 * @return this builder
		 */
		public Builder parameter(String name, @Nullable Object value) {
			this.parameters.put(name, value);
			return this;
		}

		/**
		 * Wait for a final status before {@code runWorkflow} returns, for at most
		 * {@code skyvern.wait-timeout}.
		 * @return this builder
		 */
		public Builder waitForCompletion() {
			return waitForCompletion(true);
		}

		/**
		 * Set whether {@code runWorkflow} waits for a final status.
		 * @param waitForCompletion whether to wait
		 * @return this builder
		 */
		public Builder waitForCompletion(boolean waitForCompletion) {
			this.waitForCompletion = waitForCompletion;
			return this;
		}

		/**
		 * Set how long {@code runWorkflow} waits for a final status; implies waiting. Not the response
		 * timeout of the HTTP calls, which is {@code RequestOptions.timeout}.
		 * @param waitTimeout the longest wait
		 * @return this builder
		 */
		public Builder waitTimeout(Duration waitTimeout) {
			this.waitForCompletion = true;
			this.waitTimeout = waitTimeout;
			return this;
		}

		/**
		 * Set whether the run uses the AI agent or the workflow's generated code.
		 * @param runWith {@link RunWorkflowRequest#RUN_WITH_AGENT} or
		 * {@link RunWorkflowRequest#RUN_WITH_CODE}
		 * @return this builder
		 */
		public Builder runWith(String runWith) {
			this.runWith = runWith;
			return this;
		}

		/**
		 * Set whether a code run may fall back to the AI agent.
		 * @param aiFallback whether to allow the fallback
		 * @return this builder
		 */
		public Builder aiFallback(boolean aiFallback) {
			this.aiFallback = aiFallback;
			return this;
		}

		/**
		 * Run in the given persistent browser session.
		 * @param browserSessionId the session id ({@code pbs_...})
		 * @return this builder
		 */
		public Builder browserSessionId(String browserSessionId) {
			this.browserSessionId = browserSessionId;
			return this;
		}

		/**
		 * Start the browser from the given profile.
		 * @param browserProfileId the profile id
		 * @return this builder
		 */
		public Builder browserProfileId(String browserProfileId) {
			this.browserProfileId = browserProfileId;
			return this;
		}

		/**
		 * Set where browser traffic leaves from.
		 * @param proxyLocation a named location or a geographic target
		 * @return this builder
		 */
		public Builder proxyLocation(ProxyLocation proxyLocation) {
			this.proxyLocation = proxyLocation;
			return this;
		}

		/**
		 * Set the step limit for this run.
		 * @param maxStepsOverride the most steps the run may take
		 * @return this builder
		 */
		public Builder maxStepsOverride(int maxStepsOverride) {
			this.maxStepsOverride = maxStepsOverride;
			return this;
		}

		/**
		 * Set the URL Skyvern POSTs the finished run to.
		 * @param webhookUrl the webhook URL
		 * @return this builder
		 */
		public Builder webhookUrl(String webhookUrl) {
			this.webhookUrl = webhookUrl;
			return this;
		}

		/**
		 * Set the run's title.
		 * @param title the title
		 * @return this builder
		 */
		public Builder title(String title) {
			this.title = title;
			return this;
		}

		/**
		 * Set the identifier of the TOTP codes Skyvern may use.
		 * @param totpIdentifier the identifier, for example an email address
		 * @return this builder
		 */
		public Builder totpIdentifier(String totpIdentifier) {
			this.totpIdentifier = totpIdentifier;
			return this;
		}

		/**
		 * Set the URL Skyvern fetches TOTP codes from.
		 * @param totpUrl the URL
		 * @return this builder
		 */
		public Builder totpUrl(String totpUrl) {
			this.totpUrl = totpUrl;
			return this;
		}

		/**
		 * Have Skyvern ask this application's 2FA receiver ({@code skyvern.webhooks.totp-path}) for
		 * verification codes: the {@code totp_url} is filled from {@code skyvern.webhooks.public-url}
		 * when the request is sent, like {@code webhook_url}. Sending fails if no receiver is set up.
		 * @return this builder
		 */
		public Builder totpUrlFromReceiver() {
			this.totpUrl = TOTP_RECEIVER;
			return this;
		}

		/**
		 * Set whether the workflow id names a workflow template.
		 * @param template whether it is a template
		 * @return this builder
		 */
		public Builder template(boolean template) {
			this.template = template;
			return this;
		}

		/**
		 * Set the browser's user agent.
		 * @param userAgent the user agent
		 * @return this builder
		 */
		public Builder userAgent(String userAgent) {
			this.userAgent = userAgent;
			return this;
		}

		/**
		 * Add headers the browser sends with every request.
		 * @param headers header names and values
		 * @return this builder
		 */
		public Builder extraHttpHeaders(Map<String, String> headers) {
			this.extraHttpHeaders.putAll(headers);
			return this;
		}

		/**
		 * Set how many times to scroll when taking screenshots.
		 * @param maxScreenshotScrolls the number of scrolls
		 * @return this builder
		 */
		public Builder maxScreenshotScrolls(int maxScreenshotScrolls) {
			this.maxScreenshotScrolls = maxScreenshotScrolls;
			return this;
		}

		/**
		 * Connect to the browser at the given address (CDP) instead of starting one.
		 * @param browserAddress the browser's address
		 * @return this builder
		 */
		public Builder browserAddress(String browserAddress) {
			this.browserAddress = browserAddress;
			return this;
		}

		/**
		 * Set whether to reuse the workflow's persistent browser session.
		 * @param reuseBrowserSession whether to reuse it
		 * @return this builder
		 */
		public Builder reuseBrowserSession(boolean reuseBrowserSession) {
			this.reuseBrowserSession = reuseBrowserSession;
			return this;
		}

		/**
		 * Set whether to start from a fresh browser.
		 * @param startFreshBrowser whether to start fresh
		 * @return this builder
		 */
		public Builder startFreshBrowser(boolean startFreshBrowser) {
			this.startFreshBrowser = startFreshBrowser;
			return this;
		}

		/**
		 * Set the run's own time limit on the server.
		 * @param maxElapsedTimeMinutes 1 to 480 minutes
		 * @return this builder
		 */
		public Builder maxElapsedTimeMinutes(int maxElapsedTimeMinutes) {
			this.maxElapsedTimeMinutes = maxElapsedTimeMinutes;
			return this;
		}

		/**
		 * Add headers sent when connecting to {@code browserAddress}.
		 * @param headers header names and values
		 * @return this builder
		 */
		public Builder cdpConnectHeaders(Map<String, String> headers) {
			this.cdpConnectHeaders.putAll(headers);
			return this;
		}

		/**
		 * Add string pairs stored with the run (at most 20 in all).
		 * @param metadata keys and values
		 * @return this builder
		 */
		public Builder runMetadata(Map<String, String> metadata) {
			this.runMetadata.putAll(metadata);
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException if a value is out of Skyvern's range
		 */
		public RunWorkflowRequest build() {
			return new RunWorkflowRequest(this.workflowId, this.parameters, this.waitForCompletion, this.waitTimeout,
					this.runWith, this.aiFallback, this.browserSessionId, this.browserProfileId, this.proxyLocation,
					this.maxStepsOverride, this.webhookUrl, this.title, this.totpIdentifier, this.totpUrl,
					this.template, this.userAgent, this.extraHttpHeaders, this.maxScreenshotScrolls,
					this.browserAddress, this.reuseBrowserSession, this.startFreshBrowser,
					this.maxElapsedTimeMinutes, this.cdpConnectHeaders, this.runMetadata);
		}

	}

}
