package io.github.skyvernstarter.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Spring MVC adapter of {@link SkyvernWebhookReceiver}: reads at most the configured body size and
 * answers what the receiver decides.
 * <p>
 * It is a plain {@link HttpRequestHandler} rather than a functional route because Spring MVC's
 * functional {@code ServerRequest} fails with a server error on some hostile headers (for example
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

	private final SkyvernWebhookReceiver receiver;

	/**
	 * Create a handler.
	 * @param receiver the receiver that decides the answer
	 */
	public ServletSkyvernWebhookHandler(SkyvernWebhookReceiver receiver) {
		this.receiver = receiver;
	}

	/**
	 * Return a handler mapping that sends every request to the given path, whatever its method, to a
	 * handler, so that a wrong method is answered 405 rather than 404.
	 * @param path the receiver's path
	 * @param receiver the receiver
	 * @return the handler mapping
	 */
	public static SimpleUrlHandlerMapping handlerMapping(String path, SkyvernWebhookReceiver receiver) {
		return new SimpleUrlHandlerMapping(Map.of(path, new ServletSkyvernWebhookHandler(receiver)),
				HANDLER_MAPPING_ORDER);
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long receivedAt = System.nanoTime();
		HttpHeaders headers = headers(request);
		SkyvernWebhookResponse answer = this.receiver.checkRequest(request.getMethod(), headers);
		if (answer == null) {
			byte[] body = readBody(request);
			answer = (body != null) ? this.receiver.receive(headers, body) : this.receiver.bodyTooLarge();
		}
		try {
			write(answer, response);
		}
		finally {
			this.receiver.answered(answer, Duration.ofNanos(System.nanoTime() - receivedAt));
		}
	}

	private static HttpHeaders headers(HttpServletRequest request) {
		// Copied as raw strings: nothing is parsed here, the receiver decides what is valid.
		HttpHeaders headers = new HttpHeaders();
		for (String name : Collections.list(request.getHeaderNames())) {
			for (String value : Collections.list(request.getHeaders(name))) {
				headers.add(name, value);
			}
		}
		return headers;
	}

	private byte @Nullable [] readBody(HttpServletRequest request) throws IOException {
		// One byte past the limit tells "exactly the limit" from "too large" without reading more.
		int limit = (int) Math.min(this.receiver.getMaxBodySize() + 1, Integer.MAX_VALUE - 8);
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(limit);
			return (body.length > this.receiver.getMaxBodySize()) ? null : body;
		}
	}

	private static void write(SkyvernWebhookResponse answer, HttpServletResponse response) throws IOException {
		response.setStatus(answer.status());
		answer.headers().forEach(response::setHeader);
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		response.setContentType("text/plain;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
