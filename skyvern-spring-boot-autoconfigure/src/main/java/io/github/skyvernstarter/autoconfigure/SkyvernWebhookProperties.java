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

	/**
	 * Return {@code skyvern.webhooks.path}.
	 * @return path at which the receiver accepts Skyvern's webhook deliveries
	 */
	public String getPath() {
		return this.path;
	}

	/**
	 * Set {@code skyvern.webhooks.path}.
	 * @param path path at which the receiver accepts Skyvern's webhook deliveries
	 */
	public void setPath(String path) {
		this.path = path;
	}

	/**
	 * Return {@code skyvern.webhooks.signing-keys}.
	 * @return keys that sign webhooks, in addition to skyvern.api-key; during a key rotation, list the old and the new
	 * key
	 */
	public List<String> getSigningKeys() {
		return this.signingKeys;
	}

	/**
	 * Set {@code skyvern.webhooks.signing-keys}.
	 * @param signingKeys keys that sign webhooks, in addition to skyvern.api-key; during a key rotation, list the old
	 * and the new key
	 */
	public void setSigningKeys(List<String> signingKeys) {
		this.signingKeys = signingKeys;
	}

	/**
	 * Return {@code skyvern.webhooks.verify-signatures}.
	 * @return whether to verify webhook signatures; when off, anyone who reaches the path can publish run events
	 */
	public boolean isVerifySignatures() {
		return this.verifySignatures;
	}

	/**
	 * Set {@code skyvern.webhooks.verify-signatures}.
	 * @param verifySignatures whether to verify webhook signatures; when off, anyone who reaches the path can publish
	 * run events
	 */
	public void setVerifySignatures(boolean verifySignatures) {
		this.verifySignatures = verifySignatures;
	}

	/**
	 * Return {@code skyvern.webhooks.max-body-size}.
	 * @return largest webhook body accepted; a workflow run's output appears twice in its webhook
	 */
	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	/**
	 * Set {@code skyvern.webhooks.max-body-size}.
	 * @param maxBodySize largest webhook body accepted; a workflow run's output appears twice in its webhook
	 */
	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Return {@code skyvern.webhooks.max-in-flight-body-size}.
	 * @return most memory that the bodies of all deliveries being read or processed may hold together; at least three
	 * times max-body-size
	 */
	public DataSize getMaxInFlightBodySize() {
		return this.maxInFlightBodySize;
	}

	/**
	 * Set {@code skyvern.webhooks.max-in-flight-body-size}.
	 * @param maxInFlightBodySize most memory that the bodies of all deliveries being read or processed may hold
	 * together; at least three times max-body-size
	 */
	public void setMaxInFlightBodySize(DataSize maxInFlightBodySize) {
		this.maxInFlightBodySize = maxInFlightBodySize;
	}

	/**
	 * Return {@code skyvern.webhooks.body-read-timeout}.
	 * @return longest time a delivery's body may take to arrive
	 */
	public Duration getBodyReadTimeout() {
		return this.bodyReadTimeout;
	}

	/**
	 * Set {@code skyvern.webhooks.body-read-timeout}.
	 * @param bodyReadTimeout longest time a delivery's body may take to arrive
	 */
	public void setBodyReadTimeout(Duration bodyReadTimeout) {
		this.bodyReadTimeout = bodyReadTimeout;
	}

	/**
	 * Return {@code skyvern.webhooks.public-url}.
	 * @return public URL of this application, with or without its context path, or the receiver's full URL; when set,
	 * runs started without a webhook URL get one
	 */
	public @Nullable String getPublicUrl() {
		return this.publicUrl;
	}

	/**
	 * Set {@code skyvern.webhooks.public-url}.
	 * @param publicUrl public URL of this application, with or without its context path, or the receiver's full URL;
	 * when set, runs started without a webhook URL get one
	 */
	public void setPublicUrl(@Nullable String publicUrl) {
		this.publicUrl = publicUrl;
	}

	/**
	 * Return {@code skyvern.webhooks.fallback-poll-interval}.
	 * @return time between status checks of a run whose webhook comes to this application (its webhook URL is the
	 * receiver's); polling then only guards against a lost webhook
	 */
	public Duration getFallbackPollInterval() {
		return this.fallbackPollInterval;
	}

	/**
	 * Set {@code skyvern.webhooks.fallback-poll-interval}.
	 * @param fallbackPollInterval time between status checks of a run whose webhook comes to this application (its
	 * webhook URL is the receiver's); polling then only guards against a lost webhook
	 */
	public void setFallbackPollInterval(Duration fallbackPollInterval) {
		this.fallbackPollInterval = fallbackPollInterval;
	}

	/**
	 * Return {@code skyvern.webhooks.duplicate-window}.
	 * @return how long a processed delivery is remembered, so that a repeat is acknowledged without a second event
	 */
	public Duration getDuplicateWindow() {
		return this.duplicateWindow;
	}

	/**
	 * Set {@code skyvern.webhooks.duplicate-window}.
	 * @param duplicateWindow how long a processed delivery is remembered, so that a repeat is acknowledged without a
	 * second event
	 */
	public void setDuplicateWindow(Duration duplicateWindow) {
		this.duplicateWindow = duplicateWindow;
	}

	/**
	 * Return {@code skyvern.webhooks.max-tracked-deliveries}.
	 * @return most processed deliveries the in-memory store remembers; the oldest are forgotten first
	 */
	public int getMaxTrackedDeliveries() {
		return this.maxTrackedDeliveries;
	}

	/**
	 * Set {@code skyvern.webhooks.max-tracked-deliveries}.
	 * @param maxTrackedDeliveries most processed deliveries the in-memory store remembers; the oldest are forgotten
	 * first
	 */
	public void setMaxTrackedDeliveries(int maxTrackedDeliveries) {
		this.maxTrackedDeliveries = maxTrackedDeliveries;
	}

	/**
	 * Return {@code skyvern.webhooks.timestamp-tolerance}.
	 * @return largest accepted distance between x-skyvern-timestamp and this machine's clock; unset accepts any
	 * timestamp, because the timestamp is not signed and some servers skew it by hours
	 */
	public @Nullable Duration getTimestampTolerance() {
		return this.timestampTolerance;
	}

	/**
	 * Set {@code skyvern.webhooks.timestamp-tolerance}.
	 * @param timestampTolerance largest accepted distance between x-skyvern-timestamp and this machine's clock; unset
	 * accepts any timestamp, because the timestamp is not signed and some servers skew it by hours
	 */
	public void setTimestampTolerance(@Nullable Duration timestampTolerance) {
		this.timestampTolerance = timestampTolerance;
	}

	/**
	 * Return the Spring Security settings ({@code skyvern.webhooks.security.*}).
	 * @return the Spring Security settings
	 */
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

	/** Default of {@code skyvern.webhooks.totp-path}. */
	public static final String DEFAULT_TOTP_PATH = "/skyvern/totp";

	/**
	 * Path at which Skyvern's signed requests for 2FA verification codes are answered, when the
	 * application defines a SkyvernVerificationCodeProvider.
	 */
	private String totpPath = DEFAULT_TOTP_PATH;

	/**
	 * Return {@code skyvern.webhooks.totp-path}.
	 * @return the path at which 2FA code requests are answered
	 */
	public String getTotpPath() {
		return this.totpPath;
	}

	/**
	 * Set {@code skyvern.webhooks.totp-path}.
	 * @param totpPath the path at which 2FA code requests are answered, starting with {@code /}
	 */
	public void setTotpPath(String totpPath) {
		this.totpPath = totpPath;
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

		/**
		 * Return {@code skyvern.webhooks.security.enabled}.
		 * @return whether to let Skyvern's deliveries through Spring Security with a filter chain for the receiver's
		 * path only, which the signature authenticates
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set {@code skyvern.webhooks.security.enabled}.
		 * @param enabled whether to let Skyvern's deliveries through Spring Security with a filter chain for the
		 * receiver's path only, which the signature authenticates
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
