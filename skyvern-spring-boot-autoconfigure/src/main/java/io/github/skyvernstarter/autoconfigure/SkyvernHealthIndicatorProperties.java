package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the Skyvern health indicator ({@code management.health.skyvern.*}),
 * checked when bound.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.health.skyvern")
public class SkyvernHealthIndicatorProperties implements InitializingBean {

	/**
	 * Whether to enable the Skyvern health indicator, which calls the Skyvern API.
	 */
	private boolean enabled;

	/**
	 * Time allowed for Skyvern to answer the health check.
	 */
	private Duration timeout = Duration.ofSeconds(10);

	/**
	 * How long a health result is reused before Skyvern is called again.
	 */
	private Duration cacheTimeToLive = Duration.ofMinutes(1);

	/**
	 * Return {@code management.health.skyvern.enabled}.
	 * @return whether to enable the Skyvern health indicator, which calls the Skyvern API
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Set {@code management.health.skyvern.enabled}.
	 * @param enabled whether to enable the Skyvern health indicator, which calls the Skyvern API
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return {@code management.health.skyvern.timeout}.
	 * @return time allowed for Skyvern to answer the health check
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Set {@code management.health.skyvern.timeout}.
	 * @param timeout time allowed for Skyvern to answer the health check
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Return {@code management.health.skyvern.cache-time-to-live}.
	 * @return how long a health result is reused before Skyvern is called again
	 */
	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	/**
	 * Set {@code management.health.skyvern.cache-time-to-live}.
	 * @param cacheTimeToLive how long a health result is reused before Skyvern is called again
	 */
	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requirePositive("management.health.skyvern.timeout", this.timeout);
		SkyvernPropertyChecks.requirePositive("management.health.skyvern.cache-time-to-live", this.cacheTimeToLive);
	}

}
