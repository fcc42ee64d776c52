package io.github.skyvernstarter.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Spring MVC adapter of a {@link SkyvernWebhookEndpoint} ({@link SkyvernWebhookReceiver},
 * {@link SkyvernTotpReceiver}): reads the body with Servlet non-blocking I/O
 * within the {@link SkyvernWebhookBodyBudget} and a deadline, then answers what the receiver decides.
 * <p>
 * No thread waits for a slow sender: the container calls back when bytes arrive, and the receiver,
 * whose listeners may block, runs on the container thread that sees the end of the body. It is a
 * plain {@link HttpRequestHandler} rather than a functional route because Spring MVC's functional
 * {@code ServerRequest} fails with a server error on some hostile headers (for example
 * {@code Content-Type: *}{@code /*}) before any handler runs; here the receiver sees every request
 * and answers it with a 4xx.
 *
 * @since 0.1.0
 */
public final class ServletSkyvernWebhookHandler implements HttpRequestHandler {

	/**
	 * Order of the handler mapping: ahead of Spring MVC's functional routes (-1) and annotated
	 * controllers (0), so the receiver's path is always answered by the receiver.
	 */
	public static final int HANDLER_MAPPING_ORDER = -2;

	/**
	 * The largest declared body read on the request's thread when it has already arrived in full:
	 * run-finished webhooks are a few KB.
	 */
	private static final long SYNCHRONOUS_READ_LIMIT = 64 * 1024;

	private final SkyvernWebhookEndpoint receiver;

	private final SkyvernWebhookBodyBudget budget;

	private final Duration bodyReadTimeout;

	private final Scheduler timer;

	/**
	 * Create a handler.
	 * @param receiver the receiver that decides the answer
	 * @param budget the memory that all deliveries being read or processed may hold
	 * @param bodyReadTimeout the longest time a body may take to arrive
	 * @param timer where the deadlines of body reads run; the work it does there does not block
	 */
	public ServletSkyvernWebhookHandler(SkyvernWebhookEndpoint receiver, SkyvernWebhookBodyBudget budget,
			Duration bodyReadTimeout, Scheduler timer) {
		if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
			throw new IllegalArgumentException("Body read timeout must be positive");
		}
		this.receiver = receiver;
		this.budget = budget;
		this.bodyReadTimeout = bodyReadTimeout;
		this.timer = timer;
	}

	/**
	 * Return a handler mapping that sends every request to the given path, whatever its method, to a
	 * handler, so that a wrong method is answered 405 rather than 404.
	 * @param path the receiver's path
	 * @param handler the handler
	 * @return the handler mapping
	 */
	public static SimpleUrlHandlerMapping handlerMapping(String path, ServletSkyvernWebhookHandler handler) {
		return new SimpleUrlHandlerMapping(Map.of(path, handler), HANDLER_MAPPING_ORDER);
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long receivedAt = System.nanoTime();
		HttpHeaders headers = headers(request);
		SkyvernWebhookResponse rejection = this.receiver.checkRequest(request.getMethod(), headers);
		if (!request.isAsyncSupported()) {
			// A filter in the chain does not support async processing: a blocking read is all there is.
			SkyvernWebhookResponse answer = (rejection != null) ? rejection
					: ServletWebhookBodyReader.receiveBlocking(request, headers, this.receiver, newBody(headers));
			try {
				write(answer, response, false);
			}
			finally {
				this.receiver.answered(answer, Duration.ofNanos(System.nanoTime() - receivedAt));
			}
			return;
		}
		WebhookBodyBuffer body = newBody(headers);
		if (rejection == null && body.declaredLength() >= 0 && body.declaredLength() <= SYNCHRONOUS_READ_LIMIT
				&& ServletWebhookBodyReader.readArrived(request.getInputStream(), body)) {
			// A small body that came with its headers, as most deliveries do: read without waiting, so it
			// is answered on this thread, without the machinery of async processing and a deadline.
			SkyvernWebhookResponse answer = ServletWebhookBodyReader.receiveRead(this.receiver, headers, body);
			try {
				write(answer, response, false);
			}
			finally {
				this.receiver.answered(answer, Duration.ofNanos(System.nanoTime() - receivedAt));
			}
			return;
		}
		// Async even for a rejection: a synchronous answer makes the container read (and discard) the
		// rest of the body on this thread, which a slow sender would hold.
		AsyncContext async = request.startAsync(request, response);
		// The body has its own deadline; the listeners take as long as they take, as without async.
		async.setTimeout(0);
		ServletWebhookBodyReader reader = new ServletWebhookBodyReader(this.receiver, headers, body, async,
				receivedAt);
		if (rejection != null) {
			reader.refuse(rejection);
		}
		else {
			reader.start(this.timer, this.bodyReadTimeout);
		}
	}

	private WebhookBodyBuffer newBody(HttpHeaders headers) {
		return new WebhookBodyBuffer(this.budget, this.receiver.getMaxBodySize(), WebhookBodyBuffer.declaredLength(headers));
	}

	private static HttpHeaders headers(HttpServletRequest request) {
		// Copied as raw strings: nothing is parsed here, the receiver decides what is valid. The copy is
		// this request's own, so the event keeps it without copying it again.
		HttpHeaders headers = new OwnedHttpHeaders();
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				headers.add(name, value);
			}
		}
		return headers;
	}

	static void write(SkyvernWebhookResponse answer, HttpServletResponse response, boolean bodyUnread)
			throws IOException {
		response.setStatus(answer.status());
		if (bodyUnread) {
			// The rest of the body is not read: the connection ends with this answer.
			response.setHeader(HttpHeaders.CONNECTION, "close");
		}
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		// Plain text, unless the answer is JSON for Skyvern to read (a 2FA code).
		response.setContentType("text/plain;charset=UTF-8");
		answer.headers().forEach(response::setHeader);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
