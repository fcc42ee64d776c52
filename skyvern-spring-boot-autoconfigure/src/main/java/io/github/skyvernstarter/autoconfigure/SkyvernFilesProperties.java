package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of downloads of the files Skyvern runs produced.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("skyvern.files")
public class SkyvernFilesProperties implements InitializingBean {

	/**
	 * Largest file downloaded; a larger one fails without being read further.
	 */
	private DataSize maxSize = DataSize.ofMegabytes(512);

	/**
	 * Longest time a download may go without receiving data.
	 */
	private Duration readTimeout = Duration.ofSeconds(60);

	/**
	 * Most retries of a download after a transient failure (network errors, 408, 429, 5xx) before any
	 * byte was handed on.
	 */
	private long maxRetries = 2;

	/**
	 * Return the largest file downloaded.
	 * @return the size limit
	 */
	public DataSize getMaxSize() {
		return this.maxSize;
	}

	/**
	 * Set the largest file downloaded.
	 * @param maxSize the size limit
	 */
	public void setMaxSize(DataSize maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Return the longest time a download may go without data.
	 * @return the timeout
	 */
	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	/**
	 * Set the longest time a download may go without data.
	 * @param readTimeout the timeout
	 */
	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = readTimeout;
	}

	/**
	 * Return the most retries of a download.
	 * @return the retry count
	 */
	public long getMaxRetries() {
		return this.maxRetries;
	}

	/**
	 * Set the most retries of a download.
	 * @param maxRetries the retry count, {@code 0} for none
	 */
	public void setMaxRetries(long maxRetries) {
		this.maxRetries = maxRetries;
	}

	/**
	 * Check every value when the properties are bound.
	 * @throws SkyvernConfigurationException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requirePositive("skyvern.files.read-timeout", this.readTimeout);
		SkyvernPropertyChecks.requireAtLeast("skyvern.files.max-size",
				(this.maxSize != null) ? this.maxSize.toBytes() : 0, 1, "the size limit is not positive",
				"Set skyvern.files.max-size to a size such as 100MB, or remove it to use the default.");
		SkyvernPropertyChecks.requireAtLeast("skyvern.files.max-retries", this.maxRetries, 0,
				"the retry count is negative", "Set skyvern.files.max-retries to 0 or more.");
	}

}
