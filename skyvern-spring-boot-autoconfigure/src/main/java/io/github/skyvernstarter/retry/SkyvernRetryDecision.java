package io.github.skyvernstarter.retry;

import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernTransportException;

/**
 * Which failures are worth sending again. The rule, per operation:
 * <ul>
 * <li>Reads and other safe calls (get, the polls of a wait, cancel, retry-webhook): connect failures,
 * response timeouts, lost connections, 408, 429 and 5xx.</li>
 * <li>Starting a run: only when no run can have been created, that is when no connection could be
 * opened or Skyvern answered 429 (rate limited before anything was created).</li>
 * <li>Never 400, 403, 404, 409, 422, a redirect (3xx), a malformed body or one over the size limit:
 * sending them again gives the same answer.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class SkyvernRetryDecision {

	private SkyvernRetryDecision() {
	}

	/**
	 * Whether the given failure of a Skyvern call may be retried.
	 * @param failure the failure
	 * @return {@code true} if sending the call again is safe and may succeed
	 */
	public static boolean isRetryable(Throwable failure) {
		if (failure instanceof SkyvernTransportException transport) {
			if (transport.getOperation().createsRun()) {
				// No idempotency key: a POST that may have reached the server is never sent again,
				// because a second POST starts (and bills) a second run.
				return transport.getKind() == SkyvernTransportException.Kind.CONNECT;
			}
			return true;
		}
		if (failure instanceof SkyvernApiException api) {
			int status = api.getStatusCode();
			if (status == 429) {
				// Skyvern rate-limits before it creates anything, so even a run start is safe to repeat.
				return true;
			}
			if (api.getOperation().createsRun()) {
				// A 5xx or 408 may come after the run was created.
				return false;
			}
			// A redirect is configuration (a wrong base URL, a proxy), not a transient failure.
			return status == 408 || status >= 500;
		}
		return false;
	}

}
