package io.github.skyvernstarter.files;

import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.skyvernstarter.error.SkyvernDownloadException;
import io.github.skyvernstarter.error.SkyvernDownloadException.Kind;
import io.github.skyvernstarter.model.SkyvernHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * Streams one file: follows redirects itself (same scheme only, never with the key), caps the size,
 * computes the SHA-256 on the way and fails at the end on a mismatch, retries transient failures while
 * no byte has been handed on, and on a 403 (an expired signed URL) asks Skyvern's own content route
 * once, with the key, when the file's artifact is known.
 */
final class DownloadStream {

	private static final int MAX_REDIRECTS = 5;

	private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(500);

	private final WebClient webClient;

	private final DownloadUrls urls;

	private final String apiKey;

	private final DownloadSettings settings;

	private final Scheduler retryTimer;

	DownloadStream(WebClient webClient, DownloadUrls urls, String apiKey, DownloadSettings settings,
			Scheduler retryTimer) {
		this.webClient = webClient;
		this.urls = urls;
		this.apiKey = apiKey;
		this.settings = settings;
		this.retryTimer = retryTimer;
	}

	Flux<DataBuffer> stream(DownloadSource source) {
		return Flux.defer(() -> {
			String what = source.describe();
			long cap = this.settings.maxSize().toBytes();
			if (source.size() != null && source.size() > cap) {
				return Flux.error(tooLarge(what, cap));
			}
			URI uri = this.urls.check(source.url(), what);
			Flux<DataBuffer> body = withRetries(uri, what).onErrorResume(
					(ex) -> isExpired(ex) && source.artifactId() != null && !this.urls.mayCarryKey(uri),
					(ex) -> withRetries(this.urls.contentUrl(source.artifactId()), what));
			return verified(capped(body, what, cap), source.checksum(), what);
		});
	}

	private Flux<DataBuffer> withRetries(URI uri, String what) {
		AtomicBoolean handedOn = new AtomicBoolean();
		// Once a byte went on, a retry would hand the same bytes on twice: only failures before are retried.
		return Flux.defer(() -> fetch(uri, this.urls.mayCarryKey(uri), what, 0))
			.doOnNext((buffer) -> handedOn.set(true))
			.retryWhen(Retry.backoff(this.settings.maxRetries(), FIRST_RETRY_DELAY)
				.scheduler(this.retryTimer)
				.filter((ex) -> !handedOn.get() && ex instanceof SkyvernDownloadException download
						&& download.isTransient())
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()));
	}

	private Flux<DataBuffer> fetch(URI uri, boolean withKey, String what, int redirects) {
		// Nothing but the key, and only where Skyvern's rule allows it: no Skyvern header otherwise.
		return this.webClient.get()
			.uri(uri)
			.headers((headers) -> {
				if (withKey) {
					headers.set(SkyvernHeaders.API_KEY, this.apiKey);
				}
			})
			.exchangeToFlux((response) -> answer(response, uri, what, redirects))
			.timeout(this.settings.readTimeout())
			.onErrorMap((ex) -> !(ex instanceof SkyvernDownloadException), (ex) -> transport(ex, what));
	}

	private Flux<DataBuffer> answer(ClientResponse response, URI uri, String what, int redirects) {
		int status = response.statusCode().value();
		if (status >= 200 && status < 300) {
			long length = response.headers().contentLength().orElse(-1);
			long cap = this.settings.maxSize().toBytes();
			if (length > cap) {
				return response.releaseBody().thenMany(Flux.error(tooLarge(what, cap)));
			}
			return response.bodyToFlux(DataBuffer.class);
		}
		if (status >= 300 && status < 400 && response.headers().header(HttpHeaders.LOCATION).size() == 1) {
			return response.releaseBody().thenMany(Flux.defer(() -> redirect(response, uri, what, redirects)));
		}
		return response.releaseBody().thenMany(Flux.error(statusFailure(status, what)));
	}

	private Flux<DataBuffer> redirect(ClientResponse response, URI from, String what, int redirects) {
		URI to = from.resolve(response.headers().header(HttpHeaders.LOCATION).get(0));
		if (redirects >= MAX_REDIRECTS) {
			return Flux.error(new SkyvernDownloadException(Kind.REDIRECT,
					"Storage redirected the download of " + what + " more than " + MAX_REDIRECTS + " times", null,
					null));
		}
		if (to.getScheme() == null || !to.getScheme().equalsIgnoreCase(from.getScheme())) {
			return Flux.error(new SkyvernDownloadException(Kind.REDIRECT, "Storage redirected the download of " + what
					+ " from " + from.getScheme() + " to another scheme (" + to.getScheme() + "); not followed", null,
					null));
		}
		// A redirect never carries the key, wherever it points.
		return fetch(to, false, what, redirects + 1);
	}

	private Flux<DataBuffer> capped(Flux<DataBuffer> body, String what, long cap) {
		return Flux.defer(() -> {
			AtomicLong received = new AtomicLong();
			return body.handle((buffer, sink) -> {
				if (received.addAndGet(buffer.readableByteCount()) > cap) {
					DataBufferUtils.release(buffer);
					sink.error(tooLarge(what, cap));
				}
				else {
					sink.next(buffer);
				}
			});
		});
	}

	private static Flux<DataBuffer> verified(Flux<DataBuffer> body, String checksum, String what) {
		String expected = (checksum != null) ? checksum.strip().toLowerCase(Locale.ROOT) : "";
		if (!expected.matches("[0-9a-f]{64}")) {
			// No SHA-256 given (or one in a form Skyvern does not write): nothing to verify against.
			return body;
		}
		return Flux.defer(() -> {
			MessageDigest digest = sha256();
			return body.doOnNext((buffer) -> {
				try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
					while (buffers.hasNext()) {
						ByteBuffer next = buffers.next();
						digest.update(next);
					}
				}
			}).concatWith(Mono.defer(() -> {
				String actual = HexFormat.of().formatHex(digest.digest());
				return actual.equals(expected) ? Mono.empty()
						: Mono.error(new SkyvernDownloadException(Kind.CHECKSUM_MISMATCH, "The bytes received for "
								+ what + " have SHA-256 " + actual + ", Skyvern gave " + expected, null, null));
			}));
		});
	}

	private static SkyvernDownloadException statusFailure(int status, String what) {
		if (status == 403) {
			return new SkyvernDownloadException(Kind.EXPIRED, "The URL of " + what + " was refused (403): signed URLs "
					+ "expire (Skyvern's after about 12 hours, storage providers' after 1 to 24 hours); read the run "
					+ "or its artifacts again for fresh URLs", status, null);
		}
		return new SkyvernDownloadException(Kind.HTTP_STATUS, "Storage answered " + status + " to the download of "
				+ what, status, null);
	}

	private static SkyvernDownloadException tooLarge(String what, long cap) {
		return new SkyvernDownloadException(Kind.TOO_LARGE,
				what + " is larger than skyvern.files.max-size (" + cap + " bytes); not downloaded further", null,
				null);
	}

	private static SkyvernDownloadException transport(Throwable ex, String what) {
		String reason = (ex instanceof TimeoutException) ? "no data for longer than skyvern.files.read-timeout"
				: (ex instanceof WebClientRequestException) ? "the connection failed" : "the connection was lost";
		// The cause may hold the signed URL in its message: it is kept as the cause only.
		return new SkyvernDownloadException(Kind.TRANSPORT, "Downloading " + what + " failed: " + reason, null, ex);
	}

	private static boolean isExpired(Throwable ex) {
		return ex instanceof SkyvernDownloadException download && download.getKind() == Kind.EXPIRED;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Limits of each download.
	 *
	 * @param maxSize the largest file downloaded
	 * @param readTimeout the longest time without data
	 * @param maxRetries the most retries of a transient failure
	 */
	record DownloadSettings(org.springframework.util.unit.DataSize maxSize, Duration readTimeout, long maxRetries) {

	}

}
