package io.github.skyvernstarter.client;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

/**
 * The one check of the URLs the starter is configured with ({@code skyvern.base-url},
 * {@code skyvern.webhooks.public-url}): absolute, {@code http} or {@code https}, with a host.
 *
 * @since 0.1.0
 */
public final class HttpUrls {

	private HttpUrls() {
	}

	/**
	 * Say what is wrong with a URL, in words that follow its name ("is not an http or https URL").
	 * @param url the URL, surrounding whitespace ignored
	 * @return the problem, or {@code null} when the URL is an absolute http(s) URL with a host
	 */
	public static @Nullable String problem(@Nullable String url) {
		if (url == null || url.isBlank()) {
			return "is blank";
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			return "is malformed (" + ex.getReason() + ")";
		}
		if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
			return "is not an http or https URL";
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			return "has no host";
		}
		return null;
	}

}
