package io.github.skyvernstarter.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the Skyvern client ({@code skyvern.*}).
 */
@ConfigurationProperties("skyvern")
public class SkyvernProperties {

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

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Duration getWaitTimeout() {
		return this.waitTimeout;
	}

	public void setWaitTimeout(Duration waitTimeout) {
		this.waitTimeout = waitTimeout;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public DataSize getMaxResponseSize() {
		return this.maxResponseSize;
	}

	public void setMaxResponseSize(DataSize maxResponseSize) {
		this.maxResponseSize = maxResponseSize;
	}

	/**
	 * Return the API key, failing with a message that says how to set it.
	 * @return the API key
	 * @throws SkyvernConfigurationException if no key is set
	 */
	String requireApiKey() {
		if (this.apiKey == null || this.apiKey.isBlank()) {
			throw new SkyvernConfigurationException("skyvern.api-key", "no Skyvern API key is set",
					"Set skyvern.api-key in application.yml (or the SKYVERN_API_KEY environment variable) to the API "
							+ "key from Skyvern's settings page, or set skyvern.enabled=false to turn the Skyvern client off.");
		}
		return this.apiKey.strip();
	}

	/**
	 * Return the base URL without a trailing slash, failing with a clear message when it is not an
	 * absolute http(s) URL.
	 * @return the base URL
	 * @throws SkyvernConfigurationException if the URL is blank or malformed
	 */
	String requireBaseUrl() {
		String action = "Set skyvern.base-url to the Skyvern API's address, for example " + DEFAULT_BASE_URL
				+ " (the default) or http://localhost:8000 for a self-hosted server.";
		if (this.baseUrl == null || this.baseUrl.isBlank()) {
			throw new SkyvernConfigurationException("skyvern.base-url", "the Skyvern base URL is blank", action);
		}
		String url = this.baseUrl.strip();
		try {
			URI uri = new URI(url);
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
				throw new SkyvernConfigurationException("skyvern.base-url",
						"the Skyvern base URL '" + url + "' is not an http or https URL", action);
			}
			if (uri.getHost() == null || uri.getHost().isBlank()) {
				throw new SkyvernConfigurationException("skyvern.base-url",
						"the Skyvern base URL '" + url + "' has no host", action);
			}
		}
		catch (URISyntaxException ex) {
			throw new SkyvernConfigurationException("skyvern.base-url",
					"the Skyvern base URL '" + url + "' is malformed (" + ex.getReason() + ")", action);
		}
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public String toString() {
		return "SkyvernProperties[enabled=" + this.enabled + ", apiKey=" + ((this.apiKey != null) ? "******" : "none")
				+ ", baseUrl=" + this.baseUrl + ", connectTimeout=" + this.connectTimeout + ", responseTimeout="
				+ this.responseTimeout + ", waitTimeout=" + this.waitTimeout + ", pollInterval=" + this.pollInterval
				+ "]";
	}

}
