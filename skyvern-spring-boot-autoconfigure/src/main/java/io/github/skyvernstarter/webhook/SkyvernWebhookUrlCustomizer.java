package io.github.skyvernstarter.webhook;

import java.net.URI;
import java.net.URISyntaxException;

import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.model.RunWorkflowRequest;

/**
 * Fills {@code webhook_url} on every run request that has none, so Skyvern calls this application
 * back when the run finishes.
 */
public class SkyvernWebhookUrlCustomizer implements RunWorkflowRequestCustomizer {

	private final String webhookUrl;

	/**
	 * Create a customizer.
	 * @param webhookUrl the URL at which Skyvern reaches the receiver
	 */
	public SkyvernWebhookUrlCustomizer(String webhookUrl) {
		this.webhookUrl = webhookUrl;
	}

	/**
	 * Return the webhook URL for a public URL: the public URL itself when its path already ends with
	 * the receiver's path, else the public URL (the application's base, which may include a context
	 * path) with the receiver's path appended.
	 * @param publicUrl the absolute http(s) URL at which Skyvern reaches this application
	 * @param path the receiver's path, starting with {@code /}
	 * @return the webhook URL
	 * @throws IllegalArgumentException if the public URL is not an absolute http(s) URL with a host
	 */
	public static String webhookUrl(String publicUrl, String path) {
		URI uri;
		try {
			uri = new URI(publicUrl.strip());
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("URL is malformed (" + ex.getReason() + ")");
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			throw new IllegalArgumentException("URL is not an http or https URL");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new IllegalArgumentException("URL has no host");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("URL must not have a query or fragment");
		}
		String basePath = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		basePath = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		String fullPath = basePath.endsWith(path) ? basePath : basePath + path;
		return uri.getScheme() + "://" + uri.getRawAuthority() + fullPath;
	}

	/**
	 * Return the URL this customizer fills in.
	 * @return the webhook URL
	 */
	public String getWebhookUrl() {
		return this.webhookUrl;
	}

	@Override
	public RunWorkflowRequest customize(RunWorkflowRequest request) {
		if (request.webhookUrl() != null) {
			return request;
		}
		return request.toBuilder().webhookUrl(this.webhookUrl).build();
	}

}
