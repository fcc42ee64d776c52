package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.skyvernstarter.webhook.SkyvernWebhookBodyBudget;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the Skyvern webhook receiver ({@code skyvern.webhooks.*}), active with
 * {@code @EnableSkyvernWebhooks}, checked when bound.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("skyvern.webhooks")
public class SkyvernWebhookProperties implements InitializingBean {

	/**
	 * Default path of the receiver.
	 */
	public static final String DEFAULT_PATH = "/skyvern/webhooks";

	/**
	 * Path at which the receiver accepts Skyvern's webhook deliveries.
	 */
	private String path = DEFAULT_PATH;

	/**
	 * Keys that sign webhooks, in addition to skyvern.api-key; during a key rotation, list the old and
	 * the new key.
	 */
	private List<String> signingKeys = new ArrayList<>();

	/**
	 * Whether to verify webhook signatures; when off, anyone who reaches the path can publish run
	 * events.
	 */
	private boolean verifySignatures = true;

	/**
	 * Largest webhook body accepted; a workflow run's output appears twice in its webhook.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(16);

	/**
	 * Most memory that the bodies of all deliveries being read or processed may hold together; at least
	 * three times max-body-size.
	 */
	private DataSize maxInFlightBodySize = DataSize.ofMegabytes(64);

	/**
	 * Longest time a delivery's body may take to arrive.
	 */
	private Duration bodyReadTimeout = Duration.ofSeconds(10);

	/**
	 * Public URL of this application, with or without its context path, or the receiver's full URL;
	 * when set, runs started without a webhook URL get one.
	 */
	private @Nullable String publicUrl;

	/**
	 * Time between status checks of a run whose webhook comes to this application (its webhook URL is
	 * the receiver's); polling then only guards against a lost webhook.
	 */
	private Duration fallbackPollInterval = Duration.ofMinutes(3);

	/**
	 * How long a processed delivery is remembered, so that a repeat is acknowledged without a second
	 * event.
	 */
	private Duration duplicateWindow = Duration.ofHours(24);

	/**
	 * Most processed deliveries the in-memory store remembers; the oldest are forgotten first.
	 */
	private int maxTrackedDeliveries = 10_000;

	/**
	 * Largest accepted distance between x-skyvern-timestamp and this machine's clock; unset accepts any
	 * timestamp, because the timestamp is not signed and some servers skew it by hours.
	 */
	private @Nullable Duration timestampTolerance;

	private final Security security = new Security();

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public List<String> getSigningKeys() {
		return this.signingKeys;
	}

	public void setSigningKeys(List<String> signingKeys) {
		this.signingKeys = signingKeys;
	}

	public boolean isVerifySignatures() {
		return this.verifySignatures;
	}

	public void setVerifySignatures(boolean verifySignatures) {
		this.verifySignatures = verifySignatures;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public DataSize getMaxInFlightBodySize() {
		return this.maxInFlightBodySize;
	}

	public void setMaxInFlightBodySize(DataSize maxInFlightBodySize) {
		this.maxInFlightBodySize = maxInFlightBodySize;
	}

	public Duration getBodyReadTimeout() {
		return this.bodyReadTimeout;
	}

	public void setBodyReadTimeout(Duration bodyReadTimeout) {
		this.bodyReadTimeout = bodyReadTimeout;
	}

	public @Nullable String getPublicUrl() {
		return this.publicUrl;
	}

	public void setPublicUrl(@Nullable String publicUrl) {
		this.publicUrl = publicUrl;
	}

	public Duration getFallbackPollInterval() {
		return this.fallbackPollInterval;
	}

	public void setFallbackPollInterval(Duration fallbackPollInterval) {
		this.fallbackPollInterval = fallbackPollInterval;
	}

	public Duration getDuplicateWindow() {
		return this.duplicateWindow;
	}

	public void setDuplicateWindow(Duration duplicateWindow) {
		this.duplicateWindow = duplicateWindow;
	}

	public int getMaxTrackedDeliveries() {
		return this.maxTrackedDeliveries;
	}

	public void setMaxTrackedDeliveries(int maxTrackedDeliveries) {
		this.maxTrackedDeliveries = maxTrackedDeliveries;
	}

	public @Nullable Duration getTimestampTolerance() {
		return this.timestampTolerance;
	}

	public void setTimestampTolerance(@Nullable Duration timestampTolerance) {
		this.timestampTolerance = timestampTolerance;
	}

	public Security getSecurity() {
		return this.security;
	}

	/**
	 * Check every value when the properties are bound, whichever beans the application replaces.
	 * @throws SkyvernConfigurationException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requireAtLeast("skyvern.webhooks.max-body-size", this.maxBodySize.toBytes(), 1,
				"the largest webhook body must be positive",
				"Set skyvern.webhooks.max-body-size to a size such as 16MB.");
		SkyvernPropertyChecks.requirePositive("skyvern.webhooks.fallback-poll-interval", this.fallbackPollInterval);
		SkyvernPropertyChecks.requirePositive("skyvern.webhooks.duplicate-window", this.duplicateWindow);
		SkyvernPropertyChecks.requireAtLeast("skyvern.webhooks.max-tracked-deliveries", this.maxTrackedDeliveries, 1,
				"the number of tracked deliveries must be at least 1",
				"Set skyvern.webhooks.max-tracked-deliveries to a positive number, for example 10000.");
		if (this.timestampTolerance != null) {
			SkyvernPropertyChecks.requirePositive("skyvern.webhooks.timestamp-tolerance", this.timestampTolerance);
		}
		SkyvernPropertyChecks.requirePositive("skyvern.webhooks.body-read-timeout", this.bodyReadTimeout);
		long budget = this.maxInFlightBodySize.toBytes();
		long minimum = SkyvernWebhookBodyBudget.minimumFor(this.maxBodySize.toBytes());
		SkyvernPropertyChecks.requireAtLeast("skyvern.webhooks.max-in-flight-body-size", budget, minimum,
				"the budget " + size(budget) + " cannot hold one body of skyvern.webhooks.max-body-size ("
						+ size(this.maxBodySize.toBytes()) + ") while it is read",
				"Set skyvern.webhooks.max-in-flight-body-size to at least three times skyvern.webhooks.max-body-size ("
						+ size(minimum) + "), or lower the latter.");
	}

	private static String size(long bytes) {
		if (bytes != 0 && bytes % DataSize.ofMegabytes(1).toBytes() == 0) {
			return DataSize.ofBytes(bytes).toMegabytes() + "MB";
		}
		return (bytes != 0 && bytes % 1024 == 0) ? (bytes / 1024) + "KB" : bytes + "B";
	}

	@Override
	public String toString() {
		return "SkyvernWebhookProperties[path=" + this.path + ", signingKeys=" + this.signingKeys.size()
				+ " (masked), verifySignatures=" + this.verifySignatures + ", maxBodySize=" + this.maxBodySize
				+ ", maxInFlightBodySize=" + this.maxInFlightBodySize + ", bodyReadTimeout=" + this.bodyReadTimeout
				+ ", publicUrl=" + this.publicUrl + ", fallbackPollInterval=" + this.fallbackPollInterval
				+ ", duplicateWindow=" + this.duplicateWindow + ", maxTrackedDeliveries=" + this.maxTrackedDeliveries
				+ ", timestampTolerance=" + this.timestampTolerance + "]";
	}

	/**
	 * Spring Security integration of the receiver.
	 */
	public static class Security {

		/**
		 * Whether to let Skyvern's deliveries through Spring Security with a filter chain for the
		 * receiver's path only, which the signature authenticates.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
