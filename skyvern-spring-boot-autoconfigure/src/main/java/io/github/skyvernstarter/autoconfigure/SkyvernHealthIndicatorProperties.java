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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requirePositive("management.health.skyvern.timeout", this.timeout);
		SkyvernPropertyChecks.requirePositive("management.health.skyvern.cache-time-to-live", this.cacheTimeToLive);
	}

}
