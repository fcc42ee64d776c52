package io.github.skyvernstarter.client;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.mock.http.client.reactive.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Places among the exchanges in flight are taken at the request and given back when the body ends or
 * the exchange is cancelled, whether it was waiting or already sent.
 */
class ConcurrencyLimitedClientHttpConnectorTests {

	private static final URI URL = URI.create("http://localhost/v1/runs/wr_1");

	/** Each exchange the underlying connector got, answered when the test says so. */
	private final List<Sinks.One<ClientHttpResponse>> sent = new CopyOnWriteArrayList<>();

	private final ClientHttpConnector held = (method, uri, callback) -> {
		Sinks.One<ClientHttpResponse> answer = Sinks.one();
		this.sent.add(answer);
		return answer.asMono();
	};

	private final ConcurrencyLimitedClientHttpConnector connector = new ConcurrencyLimitedClientHttpConnector(
			this.held, 2);

	private Mono<ClientHttpResponse> exchange() {
		return this.connector.connect(HttpMethod.GET, URL, (request) -> Mono.empty());
	}

	@Test
	void exchangesBeyondTheLimitWaitUntilABodyEnds() {
		List<ClientHttpResponse> responses = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 3; i++) {
			exchange().subscribe(responses::add);
		}
		assertThat(this.sent).hasSize(2);
		MockClientHttpResponse response = new MockClientHttpResponse(HttpStatus.OK);
		response.setBody(Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { 1 })));
		this.sent.get(0).tryEmitValue(response);
		assertThat(this.sent).hasSize(2);
		responses.get(0).getBody().map(DataBuffer::readableByteCount).blockLast();
		assertThat(this.sent).hasSize(3);
		assertThat(this.connector.inFlight()).isEqualTo(2);
	}

	@Test
	void cancellingASentOrAWaitingExchangeGivesItsPlaceBack() {
		Disposable first = exchange().subscribe();
		exchange().subscribe();
		Disposable waiting = exchange().subscribe();
		waiting.dispose();
		assertThat(this.sent).hasSize(2);
		first.dispose();
		assertThat(this.connector.inFlight()).isEqualTo(1);
		exchange().subscribe();
		assertThat(this.sent).hasSize(3);
		assertThat(this.connector.inFlight()).isEqualTo(2);
	}

	@Test
	void aFailedExchangeGivesItsPlaceBack() {
		exchange().subscribe((response) -> {
		}, (ex) -> {
		});
		this.sent.get(0).tryEmitError(new IllegalStateException("connection refused"));
		assertThat(this.connector.inFlight()).isZero();
	}

}
