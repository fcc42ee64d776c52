package io.github.skyvernstarter.client;

import java.net.URI;

import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Reads Skyvern's answer to one HTTP attempt: the body, up to the size limit, decoded on success;
 * anything else goes to the {@link SkyvernFailureTranslator}. A redirect is never followed, and a body
 * that will not be used is not read.
 */
final class SkyvernResponseReader {

	private static final byte[] EMPTY = new byte[0];

	private final long maxResponseSize;

	private final SkyvernFailureTranslator translator;

	SkyvernResponseReader(long maxResponseSize, SkyvernFailureTranslator translator) {
		this.maxResponseSize = Math.min(Integer.MAX_VALUE, maxResponseSize);
		this.translator = translator;
	}

	<T> Mono<T> read(SkyvernCall call, ResolvedOptions options, ClientResponse response, ResponseDecoder<T> decoder) {
		int status = response.statusCode().value();
		URI uri = response.request().getURI();
		if (response.statusCode().is3xxRedirection()) {
			// The connector is built not to follow redirects; one that hands a redirect over anyway (a
			// connector a customizer swapped in) still gets no success out of it, and nothing is sent on.
			String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
			return discardBody(response)
				.then(Mono.error(this.translator.redirect(call, status, location, uri, options.mask())));
		}
		long announced = response.headers().contentLength().orElse(-1);
		if (announced > this.maxResponseSize) {
			return discardBody(response)
				.then(Mono.error(this.translator.tooLarge(call, status, announced, this.maxResponseSize)));
		}
		return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), (int) this.maxResponseSize)
			.map(SkyvernResponseReader::bytes)
			.defaultIfEmpty(EMPTY)
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> this.translator.tooLarge(call, status, -1, this.maxResponseSize))
			.map((bytes) -> decode(call, options, response, uri, bytes, decoder));
	}

	private <T> T decode(SkyvernCall call, ResolvedOptions options, ClientResponse response, URI uri, byte[] bytes,
			ResponseDecoder<T> decoder) {
		int status = response.statusCode().value();
		if (!response.statusCode().is2xxSuccessful()) {
			throw this.translator.status(call, status, response.headers().asHttpHeaders(), bytes, uri,
					options.mask());
		}
		try {
			return decoder.decode(bytes);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw this.translator.malformed(call, status, bytes.length, ex, options.mask());
		}
	}

	/**
	 * Stop reading a body that will not be used: the connector closes the connection (or, for the
	 * JDK's client, {@link DrainingClientHttpConnector} reads the rest), instead of reading it whole
	 * here.
	 */
	private static Mono<Void> discardBody(ClientResponse response) {
		return response.bodyToFlux(DataBuffer.class).take(0).then();
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
