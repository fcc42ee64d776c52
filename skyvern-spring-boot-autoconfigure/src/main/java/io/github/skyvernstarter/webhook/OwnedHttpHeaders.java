package io.github.skyvernstarter.webhook;

import org.springframework.http.HttpHeaders;

/**
 * Request headers copied into a map of their own by an adapter, which nothing else changes: an event
 * can keep them as they are, where headers that are a view of the server's request must be copied
 * before the request ends.
 */
final class OwnedHttpHeaders extends HttpHeaders {

	private static final long serialVersionUID = 1L;

}
