package io.github.skyvernstarter.error;

import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

/**
 * Something answered a Skyvern call with a redirect (3xx), which this client never follows: the API key
 * and the request stay with {@code skyvern.base-url}. Skyvern's API never redirects, so the answer came
 * from something in front of it (a proxy, a load balancer, an {@code http} to {@code https} rule) or the
 * base URL is wrong. Not retried: a redirect is configuration, not a transient failure.
 *
 * @since 0.1.0
 */
public class SkyvernRedirectException extends SkyvernApiException {

	/** Where the redirect pointed, without its query string, if it could be read. */
	private final @Nullable String location;

	/**
	 * Create a new exception.
	 * @param operation the call that was redirected
	 * @param statusCode the 3xx status
	 * @param location where the redirect pointed, without its query string, or {@code null} when the
	 * answer named no readable {@code Location}
	 * @param runId the run concerned, if known
	 * @param hint what to check, or {@code null}
	 */
	public SkyvernRedirectException(SkyvernOperation operation, int statusCode, @Nullable String location,
			@Nullable String runId, @Nullable String hint) {
		super(operation, statusCode, "redirect to " + ((location != null) ? location : "an unnamed location")
				+ " not followed", runId, hint);
		this.location = location;
	}

	/**
	 * Return where the redirect pointed: scheme, host, port and path, with {@code ?…} in place of a query
	 * string (which may carry tokens) and without user information or fragment.
	 * @return the redirect target, or {@code null} when the answer named none that could be read
	 */
	public @Nullable String getLocation() {
		return this.location;
	}

}
