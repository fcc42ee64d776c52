package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the Skyvern client ({@code skyvern.*}), checked when bound.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("skyvern")
public class SkyvernProperties implements InitializingBean {

	/**
	 * Default base URL: Skyvern Cloud.
	 */
	public static final String DEFAULT_BASE_URL = "https://api.skyvern.com";

	/**
	 * Whether to enable the Skyvern client.
	 */
	private boolean enabled = true;

	/**
	 * API key sent as "x-api-key" (Skyvern settings page); also read from SKYVERN_API_KEY.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the Skyvern API.
	 */
	private String baseUrl = DEFAULT_BASE_URL;

	/**
	 * Time allowed to open a connection to Skyvern.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time allowed for each HTTP call to Skyvern to answer in full.
	 */
	private Duration responseTimeout = Duration.ofSeconds(60);

	/**
	 * Longest wait for a run's final status when a call names no timeout.
	 */
	private Duration waitTimeout = Duration.ofMinutes(30);

	/**
	 * Time between status checks while waiting for a run.
	 */
	private Duration pollInterval = Duration.ofSeconds(10);

	/**
	 * Largest response body accepted from Skyvern; run outputs can be several megabytes.
	 */
	private DataSize maxResponseSize = DataSize.ofMegabytes(32);

	private final Retry retry = new Retry();

	private final Observations observations = new Observations();

	/**
	 * Return {@code skyvern.enabled}.
	 * @return whether to enable the Skyvern client
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set {@code skyvern.enabled}.
	 * @param enabled whether to enable the Skyvern client
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return {@code skyvern.api-key}.
	 * @return API key sent as "x-api-key" (Skyvern settings page); also read from SKYVERN_API_KEY
	 */
	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	/**
	 * Set {@code skyvern.api-key}.
	 * @param apiKey API key sent as "x-api-key" (Skyvern settings page); also read from SKYVERN_API_KEY
	 */
	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	/**
	 * Return {@code skyvern.base-url}.
	 * @return base URL of the Skyvern API
	 */
	public String getBaseUrl() {
		return this.baseUrl;
	}

	/**
	 * Set {@code skyvern.base-url}.
	 * @param baseUrl base URL of the Skyvern API
	 */
	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Return {@code skyvern.connect-timeout}.
	 * @return time allowed to open a connection to Skyvern
	 */
	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * Set {@code skyvern.connect-timeout}.
	 * @param connectTimeout time allowed to open a connection to Skyvern
	 */
	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	/**
	 * Return {@code skyvern.response-timeout}.
	 * @return time allowed for each HTTP call to Skyvern to answer in full
	 */
	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	/**
	 * Set {@code skyvern.response-timeout}.
	 * @param responseTimeout time allowed for each HTTP call to Skyvern to answer in full
	 */
	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	/**
	 * Return {@code skyvern.wait-timeout}.
	 * @return longest wait for a run's final status when a call names no timeout
	 */
	public Duration getWaitTimeout() {
		return this.waitTimeout;
	}

	/**
	 * Set {@code skyvern.wait-timeout}.
	 * @param waitTimeout longest wait for a run's final status when a call names no timeout
	 */
	public void setWaitTimeout(Duration waitTimeout) {
		this.waitTimeout = waitTimeout;
	}

	/**
	 * Return {@code skyvern.poll-interval}.
	 * @return time between status checks while waiting for a run
	 */
	public Duration getPollInterval() {
		return this.pollInterval;
	}

	/**
	 * Set {@code skyvern.poll-interval}.
	 * @param pollInterval time between status checks while waiting for a run
	 */
	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Return {@code skyvern.max-response-size}.
	 * @return largest response body accepted from Skyvern; run outputs can be several megabytes
	 */
	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	/**
	 * Set {@code skyvern.max-response-size}.
	 * @param maxResponseSize largest response body accepted from Skyvern; run outputs can be several megabytes
	 */
	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * Return the retry settings ({@code skyvern.retry.*}).
	 * @return the retry settings
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Return the observation settings ({@code skyvern.observations.*}).
	 * @return the observation settings
	 */
	public Observations getObservations() {
		return this.observations;
	}

	/**
	 * Return the API key, failing with a message that says how to set it; checked where the client is
	 * built, because an application that only receives webhooks needs none.
	 * @return the API key, trimmed
	 * @throws SkyvernConfigurationException if no key is set, or the key is an unresolved placeholder
	 * or malformed
	 */
	String requireApiKey() {
		return SkyvernKeys.requireApiKey(this.apiKey);
	}

	/**
	 * Check every value when the properties are bound, whichever beans the application replaces,
	 * failing with a message that names the property.
	 * @throws SkyvernConfigurationException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requireHttpUrl("skyvern.base-url", "the Skyvern base URL", this.baseUrl,
				"Set skyvern.base-url to the Skyvern API's address, for example " + DEFAULT_BASE_URL
						+ " (the default) or http://localhost:8000 for a self-hosted server.");
		SkyvernPropertyChecks.requirePositive("skyvern.connect-timeout", this.connectTimeout);
		SkyvernPropertyChecks.requirePositive("skyvern.response-timeout", this.responseTimeout);
		SkyvernPropertyChecks.requirePositive("skyvern.wait-timeout", this.waitTimeout);
		SkyvernPropertyChecks.requirePositive("skyvern.poll-interval", this.pollInterval);
		SkyvernPropertyChecks.requireAtLeast("skyvern.retry.max-retries", this.retry.maxRetries, 0,
				"max retries is negative (" + this.retry.maxRetries + ")",
				"Set skyvern.retry.max-retries to 0 (no retries) or more.");
		SkyvernPropertyChecks.requirePositive("skyvern.retry.initial-delay", this.retry.initialDelay);
		SkyvernPropertyChecks.requirePositive("skyvern.retry.max-delay", this.retry.maxDelay);
		SkyvernPropertyChecks.requirePositive("skyvern.retry.max-retry-after", this.retry.maxRetryAfter);
		if (this.retry.jitter.isNegative()) {
			throw new SkyvernConfigurationException("skyvern.retry.jitter", "jitter is negative",
					"Set skyvern.retry.jitter to 0 or a positive duration such as 100ms.", true);
		}
		SkyvernPropertyChecks.requireAtLeast("skyvern.retry.multiplier", this.retry.multiplier, 1,
				"multiplier " + this.retry.multiplier + " is below 1",
				"Set skyvern.retry.multiplier to 1 (constant delay) or more.");
	}

	@Override
	public String toString() {
		return "SkyvernProperties[enabled=" + this.enabled + ", apiKey=" + ((this.apiKey != null) ? "******" : "none")
				+ ", baseUrl=" + this.baseUrl + ", connectTimeout=" + this.connectTimeout + ", responseTimeout="
				+ this.responseTimeout + ", waitTimeout=" + this.waitTimeout + ", pollInterval=" + this.pollInterval
				+ ", retry=" + this.retry + "]";
	}

	/**
	 * Retries of failed calls ({@code skyvern.retry.*}); a run start is only retried when no run can
	 * have been created.
	 */
	public static class Retry {

		/**
		 * Whether to retry failed calls that are safe to send again.
		 */
		private boolean enabled = true;

		/**
		 * Most retries of one call after its first attempt; 0 turns retries off.
		 */
		private long maxRetries = 2;

		/**
		 * Delay before the first retry.
		 */
		private Duration initialDelay = Duration.ofMillis(500);

		/**
		 * Factor applied to the delay after each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between two attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(8);

		/**
		 * Random variation added to or taken from each delay, so many clients do not retry in step.
		 */
		private Duration jitter = Duration.ofMillis(100);

		/**
		 * Longest Retry-After delay honoured; a longer one is shortened to this.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(30);

		/**
		 * Return {@code skyvern.retry.enabled}.
		 * @return whether to retry failed calls that are safe to send again
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set {@code skyvern.retry.enabled}.
		 * @param enabled whether to retry failed calls that are safe to send again
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return {@code skyvern.retry.max-retries}.
		 * @return most retries of one call after its first attempt; 0 turns retries off
		 */
		public long getMaxRetries() {
			return this.maxRetries;
		}

		/**
		 * Set {@code skyvern.retry.max-retries}.
		 * @param maxRetries most retries of one call after its first attempt; 0 turns retries off
		 */
		public void setMaxRetries(long maxRetries) {
			this.maxRetries = maxRetries;
		}

		/**
		 * Return {@code skyvern.retry.initial-delay}.
		 * @return delay before the first retry
		 */
		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		/**
		 * Set {@code skyvern.retry.initial-delay}.
		 * @param initialDelay delay before the first retry
		 */
		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		/**
		 * Return {@code skyvern.retry.multiplier}.
		 * @return factor applied to the delay after each retry
		 */
		public double getMultiplier() {
			return this.multiplier;
		}

		/**
		 * Set {@code skyvern.retry.multiplier}.
		 * @param multiplier factor applied to the delay after each retry
		 */
		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		/**
		 * Return {@code skyvern.retry.max-delay}.
		 * @return longest delay between two attempts
		 */
		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		/**
		 * Set {@code skyvern.retry.max-delay}.
		 * @param maxDelay longest delay between two attempts
		 */
		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		/**
		 * Return {@code skyvern.retry.jitter}.
		 * @return random variation added to or taken from each delay, so many clients do not retry in step
		 */
		public Duration getJitter() {
			return this.jitter;
		}

		/**
		 * Set {@code skyvern.retry.jitter}.
		 * @param jitter random variation added to or taken from each delay, so many clients do not retry in step
		 */
		public void setJitter(Duration jitter) {
			this.jitter = jitter;
		}

		/**
		 * Return {@code skyvern.retry.max-retry-after}.
		 * @return longest Retry-After delay honoured; a longer one is shortened to this
		 */
		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		/**
		 * Set {@code skyvern.retry.max-retry-after}.
		 * @param maxRetryAfter longest Retry-After delay honoured; a longer one is shortened to this
		 */
		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		@Override
		public String toString() {
			return "Retry[enabled=" + this.enabled + ", maxRetries=" + this.maxRetries + ", initialDelay="
					+ this.initialDelay + ", multiplier=" + this.multiplier + ", maxDelay=" + this.maxDelay
					+ ", jitter=" + this.jitter + ", maxRetryAfter=" + this.maxRetryAfter + "]";
		}

	}

	/**
	 * Metrics and observations of Skyvern operations ({@code skyvern.observations.*}).
	 */
	public static class Observations {

		/**
		 * Whether to tag Skyvern metrics with the workflow id; turn off when workflow ids are unbounded
		 * (they then go to traces only).
		 */
		private boolean workflowIdTag = true;

		/**
		 * Return {@code skyvern.observations.workflow-id-tag}.
		 * @return whether to tag Skyvern metrics with the workflow id; turn off when workflow ids are unbounded (they
		 * then go to traces only)
		 */
		public boolean isWorkflowIdTag() {
			return this.workflowIdTag;
		}

		/**
		 * Set {@code skyvern.observations.workflow-id-tag}.
		 * @param workflowIdTag whether to tag Skyvern metrics with the workflow id; turn off when workflow ids are
		 * unbounded (they then go to traces only)
		 */
		public void setWorkflowIdTag(boolean workflowIdTag) {
			this.workflowIdTag = workflowIdTag;
		}

	}

}
