package io.github.skyvernstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback port that records what it gets and answers a fixed status.
 */
final class RecordingReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile int status = 200;

	RecordingReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			this.received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(),
					exchange.getRequestBody().readAllBytes()));
			byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(this.status, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	void answer(int status) {
		this.status = status;
	}

	List<Received> received() {
		return this.received;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String path, Headers headers, byte[] body) {

		String bodyAsString() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
