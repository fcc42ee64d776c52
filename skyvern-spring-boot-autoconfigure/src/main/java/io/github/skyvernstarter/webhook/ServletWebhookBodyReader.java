package io.github.skyvernstarter.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;

/**
 * Reads one delivery's body with Servlet non-blocking I/O, then hands it to the receiver and
 * answers.
 * <p>
 * Exactly one of these ends the request, whichever comes first: the end of the body (the receiver's
 * answer), a refusal while reading (413 or 503), a read error (400, if the client still listens), the
 * deadline (408), or a failed connection. The lock on this reader decides which. The memory the body
 * holds goes back to the budget just before the answer is written, and an answer given before the
 * whole body was read closes the connection.
 */
final class ServletWebhookBodyReader implements ReadListener, AsyncListener {

	private static final Log logger = LogFactory.getLog(ServletWebhookBodyReader.class);

	private final SkyvernWebhookEndpoint receiver;

	private final HttpHeaders headers;

	private final WebhookBodyBuffer body;

	private final AsyncContext async;

	private final long receivedAt;

	private @Nullable Disposable deadline;

	private boolean ended;

	ServletWebhookBodyReader(SkyvernWebhookEndpoint receiver, HttpHeaders headers, WebhookBodyBuffer body,
			AsyncContext async, long receivedAt) {
		this.receiver = receiver;
		this.headers = headers;
		this.body = body;
		this.async = async;
		this.receivedAt = receivedAt;
	}

	void start(Scheduler timer, Duration timeout) throws IOException {
		this.async.addListener(this);
		HttpServletRequest request = (HttpServletRequest) this.async.getRequest();
		try {
			request.getInputStream().setReadListener(this);
		}
		catch (UnsupportedOperationException ex) {
			// A request that cannot be read without blocking, such as MockMvc's, which reads from memory.
			synchronized (this) {
				end();
			}
			answer(receiveBlocking(request, this.headers, this.receiver, this.body), false);
			return;
		}
		// Most deliveries arrive with their headers: read and process them on this thread at once, as a
		// blocking read would, rather than after two more dispatches through the container's executor.
		onDataAvailable();
		if (request.getInputStream().isFinished()) {
			onAllDataRead();
		}
		synchronized (this) {
			// After the listener is set, so that a deadline cannot complete the request before.
			if (!this.ended) {
				this.deadline = timer.schedule(this::deadlinePassed, timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
	}

	void refuse(SkyvernWebhookResponse rejection) {
		synchronized (this) {
			end();
		}
		answer(rejection, true);
	}

	@Override
	public void onDataAvailable() throws IOException {
		SkyvernWebhookResponse refusal;
		synchronized (this) {
			if (this.ended) {
				return;
			}
			refusal = readAvailable(this.async.getRequest().getInputStream());
			if (refusal == null) {
				return;
			}
			end();
		}
		answer(refusal, true);
	}

	private @Nullable SkyvernWebhookResponse readAvailable(ServletInputStream in) throws IOException {
		while (in.isReady()) {
			if (!this.body.ensureRoom(in.available())) {
				return WebhookBodyBuffer.overloaded();
			}
			int read = in.read(this.body.room(), this.body.roomOffset(), this.body.roomLength());
			if (read < 0) {
				return null;
			}
			this.body.advance(read);
			if (this.body.isTooLarge()) {
				return this.receiver.bodyTooLarge();
			}
		}
		return null;
	}

	@Override
	public void onAllDataRead() {
		byte[] bytes;
		synchronized (this) {
			if (this.ended) {
				return;
			}
			end();
			bytes = this.body.toByteArray();
		}
		answer((bytes != null) ? receive(this.receiver, this.headers, bytes) : WebhookBodyBuffer.overloaded(), false);
	}

	@Override
	public void onError(Throwable ex) {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			end();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Could not read a Skyvern webhook body", ex);
		}
		answer(SkyvernWebhookResponse.of(SkyvernWebhookOutcome.MALFORMED, 400, "body could not be read"), true);
	}

	private void deadlinePassed() {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			end();
		}
		this.body.close();
		// Written on a container thread: a client that reads nothing could block the write, and the
		// timer's threads must stay free for the other deadlines.
		try {
			this.async.start(() -> answer(WebhookBodyBuffer.timedOut(), true));
		}
		catch (IllegalStateException ex) {
			// The request already ended with its connection.
		}
	}

	private void end() {
		this.ended = true;
		if (this.deadline != null) {
			this.deadline.dispose();
		}
	}

	private void answer(SkyvernWebhookResponse answer, boolean bodyUnread) {
		// The body's memory is given back before the answer goes out: a client that reads the answer
		// and sends the next delivery at once finds it free.
		this.body.close();
		try {
			ServletSkyvernWebhookHandler.write(answer, (HttpServletResponse) this.async.getResponse(), bodyUnread);
		}
		catch (IOException | RuntimeException ex) {
			// The client went away; nothing is left to tell it.
			logger.debug("Could not answer a Skyvern webhook", ex);
		}
		finally {
			complete();
			this.receiver.answered(answer, Duration.ofNanos(System.nanoTime() - this.receivedAt));
		}
	}

	private void complete() {
		try {
			this.async.complete();
		}
		catch (IllegalStateException ex) {
			// Already completed by the container after an error.
		}
	}

	@Override
	public void onComplete(AsyncEvent event) {
		this.body.close();
	}

	@Override
	public void onTimeout(AsyncEvent event) {
		// Not expected (the context has no timeout), but if a container imposes one, it is the deadline.
		synchronized (this) {
			if (this.ended) {
				return;
			}
			end();
		}
		answer(WebhookBodyBuffer.timedOut(), true);
	}

	@Override
	public void onError(AsyncEvent event) {
		// The connection failed: nobody is left to answer, and completing here spares an error dispatch.
		synchronized (this) {
			end();
		}
		this.body.close();
		complete();
	}

	@Override
	public void onStartAsync(AsyncEvent event) {
	}

	/**
	 * Read the bytes of a body that have already arrived, without ever waiting for more: only while the
	 * stream says bytes can be read without blocking, and no further than the declared length.
	 * @return {@code true} if the whole declared body is now in the buffer; {@code false} if more is to
	 * come, or if the budget has no room (the caller then reads or refuses without blocking)
	 */
	static boolean readArrived(ServletInputStream in, WebhookBodyBuffer body) throws IOException {
		while (!body.isComplete()) {
			int available = in.available();
			if (available <= 0 || !body.ensureRoom(available)) {
				return false;
			}
			// Bytes are available, so this read returns them without blocking.
			int read = in.read(body.room(), body.roomOffset(), body.roomLength());
			if (read < 0) {
				return false;
			}
			body.advance(read);
		}
		return true;
	}

	/**
	 * Hand a body read in full to the receiver and return its answer.
	 */
	static SkyvernWebhookResponse receiveRead(SkyvernWebhookEndpoint receiver, HttpHeaders headers,
			WebhookBodyBuffer body) {
		try {
			byte[] bytes = body.toByteArray();
			return (bytes != null) ? receive(receiver, headers, bytes) : WebhookBodyBuffer.overloaded();
		}
		finally {
			body.close();
		}
	}

	/**
	 * Read the whole body blocking, for a request whose filters do not support async processing, and
	 * return the receiver's answer.
	 */
	static SkyvernWebhookResponse receiveBlocking(HttpServletRequest request, HttpHeaders headers,
			SkyvernWebhookEndpoint receiver, WebhookBodyBuffer body) throws IOException {
		try (InputStream in = request.getInputStream()) {
			while (true) {
				if (!body.ensureRoom(in.available())) {
					return WebhookBodyBuffer.overloaded();
				}
				int read = in.read(body.room(), body.roomOffset(), body.roomLength());
				if (read < 0) {
					break;
				}
				body.advance(read);
				if (body.isTooLarge()) {
					return receiver.bodyTooLarge();
				}
			}
			byte[] bytes = body.toByteArray();
			return (bytes != null) ? receive(receiver, headers, bytes) : WebhookBodyBuffer.overloaded();
		}
		finally {
			body.close();
		}
	}

	private static SkyvernWebhookResponse receive(SkyvernWebhookEndpoint receiver, HttpHeaders headers,
			byte[] body) {
		try {
			return receiver.receive(headers, body);
		}
		catch (RuntimeException ex) {
			logger.error("The Skyvern webhook receiver failed", ex);
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.LISTENER_ERROR, 500, "receiver failed");
		}
	}

}
