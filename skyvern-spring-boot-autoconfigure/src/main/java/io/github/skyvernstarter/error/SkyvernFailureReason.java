package io.github.skyvernstarter.error;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Names why a Skyvern call failed in a short, bounded word for metric tags and log lines: the HTTP
 * status Skyvern answered ({@code 403}, {@code 503}), the kind of transport failure
 * ({@code connect}, {@code response_timeout}, {@code connection_lost}), {@code response_too_large},
 * {@code malformed_response}, {@code wait_timeout}, or else the exception's simple class name. Never a message, so never a run id,
 * a payload or a key.
 *
 * @since 0.1.0
 */
public final class SkyvernFailureReason {

	/** The reason given when nothing failed. */
	public static final String NONE = "none";

	private SkyvernFailureReason() {
	}

	/**
	 * Return the reason for the given failure.
	 * @param failure the failure, or {@code null} when nothing failed
	 * @return the reason, {@link #NONE} for {@code null}
	 */
	public static String of(@Nullable Throwable failure) {
		if (failure == null) {
			return NONE;
		}
		if (failure instanceof SkyvernApiException api) {
			return String.valueOf(api.getStatusCode());
		}
		if (failure instanceof SkyvernTransportException transport) {
			return transport.getKind().name().toLowerCase(Locale.ROOT);
		}
		if (failure instanceof SkyvernResponseTooLargeException) {
			return "response_too_large";
		}
		if (failure instanceof SkyvernMalformedResponseException) {
			return "malformed_response";
		}
		if (failure instanceof SkyvernWaitTimeoutException) {
			return "wait_timeout";
		}
		String simpleName = failure.getClass().getSimpleName();
		return simpleName.isEmpty() ? failure.getClass().getName() : simpleName;
	}

}
