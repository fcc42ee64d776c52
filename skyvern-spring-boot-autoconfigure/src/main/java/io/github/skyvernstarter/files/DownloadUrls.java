package io.github.skyvernstarter.files;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.skyvernstarter.error.SkyvernDownloadException;
import io.github.skyvernstarter.error.SkyvernDownloadException.Kind;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Which URLs are fetched, and which of them may carry the API key. Skyvern's rule (API-NOTES): a
 * {@code signed_url} is a Skyvern-signed {@code .../v1/artifacts/{id}/content?...&sig=} link (no key
 * needed), a storage provider's presigned URL (never send the key there), a {@code file://} path of
 * Skyvern's local storage (never fetched from here), or Skyvern's {@code .../content} without
 * {@code sig}, which needs the key. So the key goes only to Skyvern's own origin, only to an artifact's
 * {@code /content}, and only without {@code sig}.
 */
final class DownloadUrls {

	private static final Pattern CONTENT_PATH = Pattern.compile("/v1/artifacts/[^/]+/content");

	private final URI apiBase;

	DownloadUrls(String apiBaseUrl) {
		String base = apiBaseUrl.strip();
		this.apiBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
	}

	/**
	 * Return the URL to fetch, checked: absolute {@code http} or {@code https} with a host.
	 * @throws SkyvernDownloadException if it is anything else
	 */
	URI check(@Nullable String url, String what) {
		if (url == null || url.isBlank()) {
			throw new SkyvernDownloadException(Kind.UNSUPPORTED_URL, "Skyvern gave no URL for " + what, null, null);
		}
		URI uri;
		try {
			uri = URI.create(url.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new SkyvernDownloadException(Kind.UNSUPPORTED_URL, "The URL of " + what + " is not a valid URL",
					null, null);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
			throw new SkyvernDownloadException(Kind.UNSUPPORTED_URL, "The URL of " + what + " has scheme '" + scheme
					+ "': only http and https are fetched (file:// is Skyvern's own local storage, readable only on "
					+ "its host)", null, null);
		}
		return uri;
	}

	/**
	 * Whether the API key may be sent with a request to the given URL.
	 */
	boolean mayCarryKey(URI uri) {
		return sameOrigin(uri) && CONTENT_PATH.matcher(pathBelowBase(uri)).matches() && !hasSignature(uri);
	}

	/**
	 * Return Skyvern's own content URL of an artifact, fetched with the key when a signed URL expired.
	 */
	URI contentUrl(String artifactId) {
		return UriComponentsBuilder.fromUri(this.apiBase)
			.path("/v1/artifacts/{id}/content")
			.buildAndExpand(artifactId)
			.encode()
			.toUri();
	}

	private boolean sameOrigin(URI uri) {
		return this.apiBase.getScheme().equalsIgnoreCase(uri.getScheme())
				&& this.apiBase.getHost().equalsIgnoreCase(uri.getHost()) && port(this.apiBase) == port(uri);
	}

	private String pathBelowBase(URI uri) {
		String basePath = (this.apiBase.getRawPath() != null) ? this.apiBase.getRawPath() : "";
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return path.startsWith(basePath) ? path.substring(basePath.length()) : "";
	}

	private static boolean hasSignature(URI uri) {
		return UriComponentsBuilder.fromUri(uri).build().getQueryParams().containsKey("sig");
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
