package io.github.skyvernstarter.error;

import org.jspecify.annotations.Nullable;

/**
 * A file a run produced could not be downloaded, or what arrived was not the file: the
 * {@link #getKind() kind} says which. The message names the file, never its (signed) URL.
 *
 * @since 0.1.0
 */
public class SkyvernDownloadException extends SkyvernException {

	private final Kind kind;

	private final @Nullable Integer statusCode;

	/**
	 * Create a new exception.
	 * @param kind what went wrong
	 * @param message the message, without the file's URL
	 * @param statusCode the storage's HTTP status, if it answered
	 * @param cause the cause, if any
	 */
	public SkyvernDownloadException(Kind kind, String message, @Nullable Integer statusCode,
			@Nullable Throwable cause) {
		super(message, null, cause);
		this.kind = kind;
		this.statusCode = statusCode;
	}

	/**
	 * Return what went wrong.
	 * @return the kind of failure
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Return the storage's HTTP status, if it answered with one.
	 * @return the status, or {@code null}
	 */
	public @Nullable Integer getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Whether trying the same download again may succeed (a network failure, a 408, 429 or 5xx).
	 * @return {@code true} for a transient failure
	 */
	public boolean isTransient() {
		return this.kind == Kind.TRANSPORT || (this.kind == Kind.HTTP_STATUS && this.statusCode != null
				&& (this.statusCode == 408 || this.statusCode == 429 || this.statusCode >= 500));
	}

	/**
	 * What went wrong with a download.
	 *
	 * @since 0.1.0
	 */
	public enum Kind {

		/** The signed URL expired or was refused (403), and no fresh one could be had. */
		EXPIRED,

		/** The file is larger than {@code skyvern.files.max-size}. */
		TOO_LARGE,

		/** The bytes received do not have the SHA-256 checksum Skyvern gave. */
		CHECKSUM_MISMATCH,

		/** The URL is not one this library fetches ({@code file://}, another scheme, none at all). */
		UNSUPPORTED_URL,

		/** The storage redirected to another scheme, or too many times. */
		REDIRECT,

		/** The storage answered with another error status. */
		HTTP_STATUS,

		/** The connection failed, was lost, or went quiet for longer than allowed. */
		TRANSPORT,

		/** The file could not be written where it was asked to go. */
		TARGET

	}

}
