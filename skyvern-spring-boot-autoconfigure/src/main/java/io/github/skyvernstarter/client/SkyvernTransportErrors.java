package io.github.skyvernstarter.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Turns failures without an HTTP answer into {@link SkyvernTransportException}s whose message says what
 * happened in words ("connection refused", "unknown host"), not in the class name of whatever the HTTP
 * client threw.
 */
final class SkyvernTransportErrors {

	private SkyvernTransportErrors() {
	}

	static SkyvernTransportException translate(SkyvernOperation operation, @Nullable String runId, Throwable ex,
			Duration timeout, SecretMask mask) {
		String target = SkyvernErrors.describe(operation, runId);
		String runMayExist = operation.createsRun() ? ". " + SkyvernException.RUN_MAY_EXIST_HINT : "";
		if (ex instanceof TimeoutException) {
			return new SkyvernTransportException(operation, SkyvernTransportException.Kind.RESPONSE_TIMEOUT,
					"No complete answer from Skyvern to " + target + " within the response timeout of " + timeout
							+ " (skyvern.response-timeout, or RequestOptions.timeout for one call)" + runMayExist,
					runId, ex);
		}
		String problem = connectProblem(ex);
		if (problem != null) {
			URI uri = ((WebClientRequestException) ex).getUri();
			return new SkyvernTransportException(operation, SkyvernTransportException.Kind.CONNECT,
					"Could not connect to Skyvern for " + target + ": " + problem + "; "
							+ SkyvernErrors.checkBaseUrl(uri, operation),
					runId, ex);
		}
		return new SkyvernTransportException(operation, SkyvernTransportException.Kind.CONNECTION_LOST,
				"Connection to Skyvern lost during " + target + ": " + mask.redactWithFragments(rootMessage(ex))
						+ runMayExist,
				runId, ex);
	}

	/**
	 * Whether the failure happened before a connection was open, so the request cannot have been
	 * sent.
	 */
	static boolean isConnectFailure(Throwable ex) {
		return connectProblem(ex) != null;
	}

	/**
	 * Say why no connection could be opened, or return {@code null} when one was open (or the failure
	 * is not a request failure at all).
	 */
	private static @Nullable String connectProblem(Throwable ex) {
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
						: "could not connect (" + SkyvernErrors.firstLine(message) + ")";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

	private static boolean isNamed(Throwable cause, String simpleName) {
		return cause.getClass().getName().endsWith("." + simpleName)
				|| cause.getClass().getName().endsWith("$" + simpleName);
	}

	static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + SkyvernErrors.firstLine(message) : "");
	}

}
