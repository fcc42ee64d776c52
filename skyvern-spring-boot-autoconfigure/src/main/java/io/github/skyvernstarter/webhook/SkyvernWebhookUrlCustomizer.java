package io.github.skyvernstarter.webhook;

import java.net.URI;

import io.github.skyvernstarter.client.HttpUrls;
import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.model.RunWorkflowRequest;

/**
 * Fills {@code webhook_url} on every run request that has none, so Skyvern calls this application
 * back when the run finishes.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookUrlCustomizer implements RunWorkflowRequestCustomizer {

	private final String webhookUrl;

	/**
	 * Create a customizer.
	 * @param webhookUrl the URL at which Skyvern reaches the receiver
	 */
	public SkyvernWebhookUrlCustomizer(String webhookUrl) {
		this.webhookUrl = webhookUrl;
	}

	/**
	 * Return the webhook URL for a public URL of an application without a context path; see
	 * {@link #webhookUrl(String, String, String)}.
	 * @param publicUrl the absolute http(s) URL at which Skyvern reaches this application
	 * @param path the receiver's path, starting with {@code /}
	 * @return the webhook URL
	 * @throws IllegalArgumentException if the public URL is not an absolute http(s) URL with a host
	 */
	public static String webhookUrl(String publicUrl, String path) {
		return webhookUrl(publicUrl, "", path);
	}

	/**
	 * Return the webhook URL for a public URL: the public URL itself when its path already ends with
	 * the receiver's path (the receiver's full URL, used as is), else the public URL with the base
	 * path (unless the public URL already ends with it) and the receiver's path appended.
	 * @param publicUrl the absolute http(s) URL at which Skyvern reaches this application
	 * @param basePath the path the server puts before the receiver's path (context path, servlet path
	 * or WebFlux base path), empty or starting with {@code /}
	 * @param path the receiver's path, starting with {@code /}
	 * @return the webhook URL
	 * @throws IllegalArgumentException if the public URL is not an absolute http(s) URL with a host
	 */
	public static String webhookUrl(String publicUrl, String basePath, String path) {
		String problem = HttpUrls.problem(publicUrl);
		if (problem != null) {
			throw new IllegalArgumentException("URL " + problem);
		}
		URI uri = URI.create(publicUrl.strip());
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("URL must not have a query or fragment");
		}
		String publicPath = withoutTrailingSlash((uri.getRawPath() != null) ? uri.getRawPath() : "");
		String base = withoutTrailingSlash(basePath);
		// Both suffixes start with '/', so they only ever match whole path segments.
		String fullPath;
		if (publicPath.endsWith(path)) {
			fullPath = publicPath;
		}
		else if (!base.isEmpty() && publicPath.endsWith(base)) {
			fullPath = publicPath + path;
		}
		else {
			fullPath = publicPath + base + path;
		}
		return uri.getScheme() + "://" + uri.getRawAuthority() + fullPath;
	}

	private static String withoutTrailingSlash(String path) {
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
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
