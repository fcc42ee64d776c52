package io.github.skyvernstarter.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Says in words why no connection to Skyvern could be opened ("connection refused", "unknown host"),
 * from whatever the HTTP client threw.
 */
final class ConnectProblem {

	private ConnectProblem() {
	}

	/**
	 * Say why no connection could be opened.
	 * @param ex the failure
	 * @return the reason, or {@code null} when a connection was open (or the failure is not a request
	 * failure at all), so the request may have been sent
	 */
	static @Nullable String of(Throwable ex) {
		if (!(ex instanceof WebClientRequestException)) {
			return null;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof UnknownHostException || cause instanceof UnresolvedAddressException) {
				return "unknown host";
			}
			if (cause instanceof HttpConnectTimeoutException || isNamed(cause, "ConnectTimeoutException")) {
				return "connect timeout (skyvern.connect-timeout)";
			}
			if (cause instanceof NoRouteToHostException) {
				return "no route to host";
			}
			if (isNamed(cause, "PoolAcquirePendingLimitException") || isNamed(cause, "PoolAcquireTimeoutException")) {
				// Reactor Netty's pool refused to hand out a connection: the request was never written.
				// Matched by name because Reactor Netty is optional and shades its pool.
				return "no free connection in the HTTP client's pool";
			}
			if (cause instanceof ConnectException) {
				// The JDK's client reports a refusal as a ConnectException without a message.
				String message = cause.getMessage();
				return (message == null || message.toLowerCase(Locale.ROOT).contains("refused")) ? "connection refused"
						: "could not connect (" + FailureText.firstLine(message) + ")";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	/**
	 * Name the innermost cause of a failure, with the first line of its message.
	 * @param ex the failure
	 * @return the root cause's simple class name and message
	 */
	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + FailureText.firstLine(message) : "");
	}

	private static boolean isNamed(Throwable cause, String simpleName) {
		return cause.getClass().getName().endsWith("." + simpleName)
				|| cause.getClass().getName().endsWith("$" + simpleName);
	}

}
