package io.github.skyvernstarter.client;

import java.net.URI;
import java.util.function.Function;

import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;
import org.springframework.util.unit.DataSize;

/**
 * Wraps the JDK {@code HttpClient} connector so that a response body whose reader stops early (a
 * response timeout, the end of a wait, an answer over the size limit) is still read to its end and
 * thrown away.
 * <p>
 * Spring's {@code JdkClientHttpConnector} never passes the reader's cancellation on to the JDK's
 * client, so the JDK stops reading the connection without closing it: when the server closes its side,
 * the socket stays in {@code CLOSE_WAIT} for as long as the client lives. Reading on lets the JDK
 * see the end of the body (and reuse the connection) or the server's close (and close it). A body
 * larger than {@code maxDrain} after the cancellation is left unread, as before: reading an endless
 * body would cost more than the socket. Other connectors close the connection on cancellation
 * themselves and need no wrapping.
 *
 * @since 0.1.0
 */
public final class DrainingClientHttpConnector implements ClientHttpConnector {

	private final ClientHttpConnector delegate;

	private final long maxDrain;

	/**
	 * Wrap a connector.
	 * @param delegate the connector, usually a {@code JdkClientHttpConnector}
	 * @param maxDrain the most bytes read and thrown away after the reader stopped
	 */
	public DrainingClientHttpConnector(ClientHttpConnector delegate, DataSize maxDrain) {
		this.delegate = delegate;
		this.maxDrain = maxDrain.toBytes();
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return this.delegate.connect(method, uri, requestCallback)
			.map((response) -> new DrainingResponse(response, this.maxDrain));
	}

	private static final class DrainingResponse extends ClientHttpResponseDecorator {

		private final long maxDrain;

		DrainingResponse(ClientHttpResponse delegate, long maxDrain) {
			super(delegate);
			this.maxDrain = maxDrain;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			Flux<DataBuffer> body = getDelegate().getBody();
			return Flux.<DataBuffer>create((sink) -> body.subscribe(new DrainOnCancel(sink, this.maxDrain)))
				.doOnDiscard(DataBuffer.class, DataBufferUtils::release);
		}

	}

	/**
	 * Passes the body on with the reader's demand; once the reader cancels, requests everything and
	 * releases it, up to the limit.
	 */
	private static final class DrainOnCancel extends BaseSubscriber<DataBuffer> {

		private final FluxSink<DataBuffer> sink;

		private final long maxDrain;

		private volatile boolean draining;

		private long drained;

		DrainOnCancel(FluxSink<DataBuffer> sink, long maxDrain) {
			this.sink = sink;
			this.maxDrain = maxDrain;
			sink.onCancel(this::drain);
		}

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			if (this.draining) {
				subscription.request(Long.MAX_VALUE);
			}
			else {
				this.sink.onRequest(this::request);
			}
		}

		private void drain() {
			this.draining = true;
			request(Long.MAX_VALUE);
		}

		@Override
		protected void hookOnNext(DataBuffer buffer) {
			if (!this.draining) {
				this.sink.next(buffer);
				return;
			}
			this.drained += buffer.readableByteCount();
			DataBufferUtils.release(buffer);
			if (this.drained > this.maxDrain) {
				cancel();
			}
		}

		@Override
		protected void hookOnComplete() {
			if (!this.draining) {
				this.sink.complete();
			}
		}

		@Override
		protected void hookOnError(Throwable failure) {
			if (!this.draining) {
				this.sink.error(failure);
			}
		}

	}

}
