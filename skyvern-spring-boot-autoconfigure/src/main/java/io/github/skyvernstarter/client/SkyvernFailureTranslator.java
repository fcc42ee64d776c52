package io.github.skyvernstarter.client;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.TimeoutException;

import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernConflictException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.error.SkyvernRedirectException;
import io.github.skyvernstarter.error.SkyvernResponseTooLargeException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.error.SkyvernValidationException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The one place where a call that did not end in a readable success becomes a
 * {@link io.github.skyvernstarter.error.SkyvernException}: error statuses, redirects, answers over the
 * size limit, success bodies that cannot be read, and failures without an answer (connect failures,
 * response timeouts, lost connections).
 * <p>
 * Every text taken from the network is masked with the call's {@link SecretMask} before it is kept.
 * {@code Retry-After} dates are measured against the injected clock.
 */
final class SkyvernFailureTranslator {

	private final Clock clock;

	SkyvernFailureTranslator(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Translate an error status: one exception type per status callers handle differently.
	 * @param call the call
	 * @param status the HTTP status, neither 2xx nor 3xx
	 * @param headers the answer's headers
	 * @param body the answer's body
	 * @param requestUri the address the call was sent to
	 * @param mask masks the keys sent with the call
	 * @return the exception
	 */
	SkyvernApiException status(SkyvernCall call, int status, HttpHeaders headers, byte[] body, URI requestUri,
			SecretMask mask) {
		// Skyvern does not echo the key, but a proxy or debugging server in front of it may.
		ErrorBody error = ErrorBody.read(body, mask);
		String detail = error.detail();
		String runId = call.runId();
		return switch (status) {
			case 400 -> new SkyvernBadRequestException(call.operation(), status, detail, runId);
			case 401, 403 -> new SkyvernAuthenticationException(call.operation(), status, detail, runId);
			case 404 -> new SkyvernNotFoundException(call.operation(), status, detail, runId,
					error.isRouteMiss()
							? "No Skyvern route answers there: " + FailureText.checkBaseUrl(requestUri, call.operation())
							: null);
			case 409 -> new SkyvernConflictException(call.operation(), status, detail, runId);
			case 422 -> new SkyvernValidationException(call.operation(), status, detail, runId, error.fieldErrors());
			case 429 -> new SkyvernRateLimitException(call.operation(), status, detail, runId,
					RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock));
			default -> (status >= 500) ? new SkyvernServerException(call.operation(), status, detail, runId)
					: new SkyvernApiException(call.operation(), status, detail, runId);
		};
	}

	/**
	 * Translate a redirect, which is never followed.
	 * @param call the call
	 * @param status the 3xx status
	 * @param location the {@code Location} header, if any
	 * @param requestUri the address the call was sent to
	 * @param mask masks the keys sent with the call
	 * @return the exception
	 */
	SkyvernRedirectException redirect(SkyvernCall call, int status, @Nullable String location, URI requestUri,
			SecretMask mask) {
		return new SkyvernRedirectException(call.operation(), status,
				FailureText.location(location, requestUri, mask), call.runId(),
				"Skyvern's API never redirects, so the redirect came from something in front of it; "
						+ FailureText.checkBaseUrl(requestUri, call.operation())
						+ " (an http to https redirect means the URL should start with https)");
	}

	/**
	 * Translate an answer that was not read because it is over the size limit.
	 * @param call the call
	 * @param status the answer's status
	 * @param announcedLength the {@code Content-Length}, or {@code -1} when the limit was hit while
	 * reading
	 * @param limit the limit in bytes
	 * @return the exception
	 */
	SkyvernResponseTooLargeException tooLarge(SkyvernCall call, int status, long announcedLength, long limit) {
		return new SkyvernResponseTooLargeException(call.operation(), status,
				"Skyvern's answer (" + status + ") to " + FailureText.describe(call) + " was not read: it is larger "
						+ "than the limit of " + FailureText.formatSize(limit) + " (skyvern.max-response-size"
						+ ((announcedLength >= 0) ? "; " + announcedLength + " bytes announced" : "")
						+ "). Not retried: the same answer would come again"
						+ FailureText.runMayExist(call, isSuccess(status)),
				call.runId(), limit);
	}

	/**
	 * Translate a success whose body could not be read.
	 * @param call the call
	 * @param status the answer's status
	 * @param length the body's length in bytes
	 * @param ex the parser's failure
	 * @param mask masks the keys sent with the call
	 * @return the exception
	 */
	SkyvernMalformedResponseException malformed(SkyvernCall call, int status, int length, RuntimeException ex,
			SecretMask mask) {
		String reason = (ex.getMessage() != null) ? FailureText.firstLine(ex.getMessage()) : "no detail";
		// A parser message may quote the body; one that quotes the key, even cut short, is withheld, and
		// so is the cause, whose message is the same.
		boolean revealsKey = mask.isRevealedIn((ex.getMessage() != null) ? ex.getMessage() : "");
		return new SkyvernMalformedResponseException(call.operation(), status,
				"Skyvern answered " + status + " to " + FailureText.describe(call) + " with a body this client "
						+ "cannot read (" + length + " bytes): " + (revealsKey ? "parser message withheld" : reason)
						+ FailureText.runMayExist(call, isSuccess(status)),
				call.runId(), revealsKey ? null : ex);
	}

	/**
	 * Translate a failure without an HTTP answer into words ("connection refused", "unknown host"),
	 * not the class name of whatever the HTTP client threw.
	 * @param call the call
	 * @param options the call's options, whose timeout the message names
	 * @param ex the failure
	 * @return the exception
	 */
	SkyvernTransportException transport(SkyvernCall call, ResolvedOptions options, Throwable ex) {
		String target = FailureText.describe(call);
		if (ex instanceof TimeoutException) {
			return new SkyvernTransportException(call.operation(), SkyvernTransportException.Kind.RESPONSE_TIMEOUT,
					"No complete answer from Skyvern to " + target + " within the response timeout of "
							+ options.timeout() + " (skyvern.response-timeout, or RequestOptions.timeout for one call)"
							+ FailureText.runMayExist(call, true),
					call.runId(), ex);
		}
		String problem = ConnectProblem.of(ex);
		if (problem != null) {
			URI uri = ((WebClientRequestException) ex).getUri();
			return new SkyvernTransportException(call.operation(), SkyvernTransportException.Kind.CONNECT,
					"Could not connect to Skyvern for " + target + ": " + problem + "; "
							+ FailureText.checkBaseUrl(uri, call.operation()),
					call.runId(), ex);
		}
		return new SkyvernTransportException(call.operation(), SkyvernTransportException.Kind.CONNECTION_LOST,
				"Connection to Skyvern lost during " + target + ": "
						+ options.mask().redactWithFragments(ConnectProblem.rootMessage(ex))
						+ FailureText.runMayExist(call, true),
				call.runId(), ex);
	}

	private static boolean isSuccess(int status) {
		return status >= 200 && status < 300;
	}

}
