package io.github.skyvernstarter.webhook;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring WebFlux adapter of a {@link SkyvernWebhookEndpoint} ({@link SkyvernWebhookReceiver},
 * {@link SkyvernTotpReceiver}): collects the body without blocking, within
 * the {@link SkyvernWebhookBodyBudget} and a deadline, then runs the receiver, whose listeners may
 * block, on a scheduler made for blocking work.
 *
 * @since 0.1.0
 */
public final class ReactiveSkyvernWebhookHandler implements HandlerFunction<ServerResponse> {

	private final SkyvernWebhookEndpoint receiver;

	private final Scheduler blockingScheduler;

	private final SkyvernWebhookBodyBudget budget;

	private final Duration bodyReadTimeout;

	private final Scheduler timer;

	/**
	 * Create a handler.
	 * @param receiver the receiver that decides the answer
	 * @param blockingScheduler where the receiver and the application's listeners run
	 * @param budget the memory that all deliveries being read or processed may hold
	 * @param bodyReadTimeout the longest time a body may take to arrive
	 * @param timer where the deadlines of body reads run
	 */
	public ReactiveSkyvernWebhookHandler(SkyvernWebhookEndpoint receiver, Scheduler blockingScheduler,
			SkyvernWebhookBodyBudget budget, Duration bodyReadTimeout, Scheduler timer) {
		if (bodyReadTimeout.isNegative() || bodyReadTimeout.isZero()) {
			throw new IllegalArgumentException("Body read timeout must be positive");
		}
		this.receiver = receiver;
		this.blockingScheduler = blockingScheduler;
		this.budget = budget;
		this.bodyReadTimeout = bodyReadTimeout;
		this.timer = timer;
	}

	/**
	 * Return a router function that sends every request to the given path, whatever its method, to a
	 * handler, so that a wrong method is answered 405 rather than 404.
	 * @param path the receiver's path
	 * @param handler the handler
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> routerFunction(String path, ReactiveSkyvernWebhookHandler handler) {
		return RouterFunctions.route(RequestPredicates.path(path), handler);
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		long receivedAt = System.nanoTime();
		HttpHeaders headers = request.headers().asHttpHeaders();
		SkyvernWebhookResponse rejection = this.receiver.checkRequest(request.method().name(), headers);
		if (rejection != null) {
			this.receiver.answered(rejection, Duration.ofNanos(System.nanoTime() - receivedAt));
			return toServerResponse(rejection);
		}
		// The body's memory goes back to the budget when the receiver has answered, or the exchange ends.
		return Mono
			.using(() -> new WebhookBodyBuffer(this.budget, this.receiver.getMaxBodySize(),
					WebhookBodyBuffer.declaredLength(headers)), (body) -> receive(request, headers, body),
					WebhookBodyBuffer::close)
			.doOnNext((answer) -> this.receiver.answered(answer, Duration.ofNanos(System.nanoTime() - receivedAt)))
			.flatMap(ReactiveSkyvernWebhookHandler::toServerResponse);
	}

	private Mono<SkyvernWebhookResponse> receive(ServerRequest request, HttpHeaders headers, WebhookBodyBuffer body) {
		return request.body(BodyExtractors.toDataBuffers())
			.<byte[]>handle((buffer, sink) -> {
				try {
					if (!body.append(buffer)) {
						sink.error(new RefusedException(
								body.isTooLarge() ? this.receiver.bodyTooLarge() : WebhookBodyBuffer.overloaded()));
					}
				}
				finally {
					DataBufferUtils.release(buffer);
				}
			})
			.then(Mono.fromCallable(() -> {
				byte[] bytes = body.toByteArray();
				if (bytes == null) {
					throw new RefusedException(WebhookBodyBuffer.overloaded());
				}
				return bytes;
			}))
			.timeout(this.bodyReadTimeout, this.timer)
			.publishOn(this.blockingScheduler)
			.map((bytes) -> this.receiver.receive(headers, bytes))
			.onErrorResume(RefusedException.class, (ex) -> Mono.just(ex.answer))
			.onErrorResume(TimeoutException.class, (ex) -> Mono.just(WebhookBodyBuffer.timedOut()));
	}

	private static Mono<ServerResponse> toServerResponse(SkyvernWebhookResponse response) {
		return ServerResponse.status(response.status())
			.contentType(MediaType.TEXT_PLAIN)
			// Plain text, unless the answer is JSON for Skyvern to read (a 2FA code).
			.headers((headers) -> response.headers().forEach(headers::set))
			.bodyValue(response.body());
	}

	/**
	 * A body refused while it was read; carries the answer, and no stack trace, which nobody reads.
	 */
	private static final class RefusedException extends RuntimeException {

		private final transient SkyvernWebhookResponse answer;

		RefusedException(SkyvernWebhookResponse answer) {
			super(answer.body(), null, false, false);
			this.answer = answer;
		}

	}

}
