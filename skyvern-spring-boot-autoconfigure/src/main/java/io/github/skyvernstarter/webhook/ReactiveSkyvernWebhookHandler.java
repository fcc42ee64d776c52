package io.github.skyvernstarter.webhook;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
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
 * Spring WebFlux adapter of {@link SkyvernWebhookReceiver}: collects at most the configured body
 * size without blocking, then runs the receiver, whose listeners may block, on a scheduler made for
 * blocking work.
 *
 * @since 0.1.0
 */
public final class ReactiveSkyvernWebhookHandler implements HandlerFunction<ServerResponse> {

	private final SkyvernWebhookReceiver receiver;

	private final Scheduler blockingScheduler;

	/**
	 * Create a handler.
	 * @param receiver the receiver that decides the answer
	 * @param blockingScheduler where the receiver and the application's listeners run
	 */
	public ReactiveSkyvernWebhookHandler(SkyvernWebhookReceiver receiver, Scheduler blockingScheduler) {
		this.receiver = receiver;
		this.blockingScheduler = blockingScheduler;
	}

	/**
	 * Return a router function that sends every request to the given path, whatever its method, to a
	 * handler, so that a wrong method is answered 405 rather than 404.
	 * @param path the receiver's path
	 * @param receiver the receiver
	 * @param blockingScheduler where the receiver and the application's listeners run
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> routerFunction(String path, SkyvernWebhookReceiver receiver,
			Scheduler blockingScheduler) {
		return RouterFunctions.route(RequestPredicates.path(path),
				new ReactiveSkyvernWebhookHandler(receiver, blockingScheduler));
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
		int limit = (int) Math.min(this.receiver.getMaxBodySize(), Integer.MAX_VALUE - 8);
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), limit)
			.map(ReactiveSkyvernWebhookHandler::toBytes)
			.defaultIfEmpty(new byte[0])
			.publishOn(this.blockingScheduler)
			.map((body) -> this.receiver.receive(headers, body))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(this.receiver.bodyTooLarge()))
			.doOnNext((answer) -> this.receiver.answered(answer, Duration.ofNanos(System.nanoTime() - receivedAt)))
			.flatMap(ReactiveSkyvernWebhookHandler::toServerResponse);
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<ServerResponse> toServerResponse(SkyvernWebhookResponse response) {
		return ServerResponse.status(response.status())
			.headers((headers) -> response.headers().forEach(headers::set))
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(response.body());
	}

}
