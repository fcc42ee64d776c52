package io.github.skyvernstarter.client;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;

/**
 * Wraps a connector so that at most a given number of exchanges are in flight at once; the others
 * wait, without a thread, in a queue.
 * <p>
 * Reactor Netty bounds its connection pool; the JDK {@code HttpClient} opens a connection for every
 * exchange in flight and keeps each one open afterwards, so ten thousand calls at once meant ten
 * thousand sockets, each with its buffers on the heap. An exchange holds its place from the request
 * until its response body has been read, discarded or failed, or until it is cancelled.
 *
 * @since 0.1.0
 */
public final class ConcurrencyLimitedClientHttpConnector implements ClientHttpConnector {

	private final ClientHttpConnector delegate;

	private final Permits permits;

	/**
	 * Wrap a connector.
	 * @param delegate the connector
	 * @param maxInFlight the most exchanges in flight at once
	 */
	public ConcurrencyLimitedClientHttpConnector(ClientHttpConnector delegate, int maxInFlight) {
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be at least 1");
		}
		this.delegate = delegate;
		this.permits = new Permits(maxInFlight);
	}

	@Override
	public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
			Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
		return this.permits.acquire().flatMap((permit) -> this.delegate.connect(method, uri, requestCallback)
			.<ClientHttpResponse>map((response) -> new ReleasingResponse(response, permit))
			.doOnError((ex) -> permit.release())
			.doOnCancel(permit::release));
	}

	/**
	 * Return the exchanges in flight now.
	 * @return the count
	 */
	int inFlight() {
		return this.permits.inFlight();
	}

	/**
	 * A place among the exchanges in flight, given back once.
	 */
	static final class Permit {

		private final Permits permits;

		private final AtomicBoolean released = new AtomicBoolean();

		Permit(Permits permits) {
			this.permits = permits;
		}

		void release() {
			if (this.released.compareAndSet(false, true)) {
				this.permits.release();
			}
		}

	}

	private static final class Permits {

		private final int max;

		private final AtomicInteger inFlight = new AtomicInteger();

		private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

		Permits(int max) {
			this.max = max;
		}

		int inFlight() {
			return this.inFlight.get();
		}

		Mono<Permit> acquire() {
			return Mono.create((sink) -> {
				Waiter waiter = new Waiter(sink);
				boolean granted;
				synchronized (this) {
					granted = this.inFlight.get() < this.max;
					if (granted) {
						this.inFlight.incrementAndGet();
					}
					else {
						this.waiting.add(waiter);
					}
				}
				if (granted) {
					waiter.grant(new Permit(this));
				}
				else {
					sink.onCancel(() -> cancel(waiter));
				}
			});
		}

		private void cancel(Waiter waiter) {
			synchronized (this) {
				if (this.waiting.remove(waiter)) {
					return;
				}
			}
			// Granted as it was cancelled: the place goes to the next one.
			Permit permit = waiter.permit;
			if (permit != null) {
				permit.release();
			}
		}

		void release() {
			Waiter next;
			synchronized (this) {
				next = this.waiting.poll();
				if (next == null) {
					this.inFlight.decrementAndGet();
					return;
				}
			}
			next.grant(new Permit(this));
		}

	}

	private static final class Waiter {

		private final MonoSink<Permit> sink;

		private volatile Permit permit;

		Waiter(MonoSink<Permit> sink) {
			this.sink = sink;
		}

		void grant(Permit permit) {
			this.permit = permit;
			this.sink.success(permit);
		}

	}

	private static final class ReleasingResponse extends ClientHttpResponseDecorator {

		private final Permit permit;

		ReleasingResponse(ClientHttpResponse delegate, Permit permit) {
			super(delegate);
			this.permit = permit;
		}

		@Override
		public Flux<DataBuffer> getBody() {
			return getDelegate().getBody().doFinally((signal) -> this.permit.release());
		}

	}

}
