package io.github.skyvernstarter.client;

import java.net.URI;
import java.net.URISyntaxException;

import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Writes the parts of failure messages: the call and its run, the base URL it went to, a redirect's
 * target, a size limit, and texts taken from answers, shortened. Addresses are shown without user
 * information, query or fragment, which may carry secrets.
 */
final class FailureText {

	private static final int MAX_DETAIL_LENGTH = 500;

	private static final int MAX_LOCATION_LENGTH = 300;

	private FailureText() {
	}

	/**
	 * Name a call, for example {@code GET /v1/runs/{runId} (run wr_1)}.
	 * @param call the call
	 * @return the call's method, URI template and run
	 */
	static String describe(SkyvernCall call) {
		return call.operation().describe() + ((call.runId() != null) ? " (run " + call.runId() + ")" : "");
	}

	/**
	 * Return the advice to check the base URL, naming the one in use.
	 * @param requestUri the address a call was sent to
	 * @param operation the call
	 * @return the advice
	 */
	static String checkBaseUrl(URI requestUri, SkyvernOperation operation) {
		return "check skyvern.base-url (now " + baseUrl(requestUri, operation) + ")";
	}

	/**
	 * Return the sentence that a run may exist, for failures of a run start that may have reached
	 * Skyvern, else nothing.
	 * @param call the call
	 * @param requestMayHaveArrived whether Skyvern may have acted on the request
	 * @return the sentence with a leading {@code ". "}, or an empty string
	 */
	static String runMayExist(SkyvernCall call, boolean requestMayHaveArrived) {
		return (call.operation().createsRun() && requestMayHaveArrived) ? ". " + SkyvernException.RUN_MAY_EXIST_HINT
				: "";
	}

	static String truncate(String text) {
		return (text.length() <= MAX_DETAIL_LENGTH) ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...";
	}

	static String firstLine(String message) {
		int newline = message.indexOf('\n');
		return truncate((newline >= 0) ? message.substring(0, newline) : message);
	}

	/**
	 * Return the base URL a call went to: the request's address without the operation's own path,
	 * for example {@code http://localhost:8000/api/} for {@code http://localhost:8000/api/v1/run/agents}.
	 * @param requestUri the address the call was sent to
	 * @param operation the call
	 * @return the base URL, ending with {@code /}
	 */
	static String baseUrl(URI requestUri, SkyvernOperation operation) {
		String path = (requestUri.getRawPath() != null) ? requestUri.getRawPath() : "";
		// The run id is one encoded segment, so the operation's path has as many segments as its template.
		int segments = operation.uriTemplate().split("/").length - 1;
		int cut = path.length();
		for (int i = 0; i < segments && cut > 0; i++) {
			cut = path.lastIndexOf('/', cut - 1);
		}
		return origin(requestUri) + path.substring(0, Math.max(cut, 0)) + "/";
	}

	/**
	 * Return a redirect's target for a message: resolved against the request, with {@code ?…} in place
	 * of a query string, and without user information or fragment.
	 * @param location the {@code Location} header, or {@code null}
	 * @param requestUri the address the redirected call was sent to
	 * @param mask masks the key, should the target hold it anyway
	 * @return the target, or {@code null} when there is none that can be read
	 */
	static @Nullable String location(@Nullable String location, URI requestUri, SecretMask mask) {
		if (location == null || location.isBlank()) {
			return null;
		}
		try {
			URI target = requestUri.resolve(new URI(location.strip()));
			if (target.getScheme() == null || target.getRawAuthority() == null) {
				return null;
			}
			String path = (target.getRawPath() != null) ? target.getRawPath() : "";
			String shown = origin(target) + path + ((target.getRawQuery() != null) ? "?…" : "");
			shown = mask.redactWithFragments(mask.redact(shown.replaceAll("\\p{Cntrl}", "")));
			return (shown.length() <= MAX_LOCATION_LENGTH) ? shown : shown.substring(0, MAX_LOCATION_LENGTH) + "…";
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Write a size in bytes the way it is configured: {@code 32MB}, {@code 512KB} or {@code 1000B}.
	 * @param bytes the size
	 * @return the size as text
	 */
	static String formatSize(long bytes) {
		long kilobyte = 1024;
		long megabyte = kilobyte * 1024;
		if (bytes >= megabyte && bytes % megabyte == 0) {
			return (bytes / megabyte) + "MB";
		}
		if (bytes >= kilobyte && bytes % kilobyte == 0) {
			return (bytes / kilobyte) + "KB";
		}
		return bytes + "B";
	}

	private static String origin(URI uri) {
		String host = (uri.getHost() != null) ? uri.getHost() : "";
		return uri.getScheme() + "://" + host + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

}
