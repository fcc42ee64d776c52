package io.github.skyvernstarter.fake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on a loopback port that records what it receives and answers the statuses it is
 * given, one per request (the last one repeats).
 */
final class TestReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private volatile int lastStatus = 200;

	TestReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			try (exchange) {
				this.received.add(new Received(exchange.getRequestURI().getPath(),
						Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
				Integer next = this.statuses.poll();
				int status = (next != null) ? next : this.lastStatus;
				exchange.sendResponseHeaders(status, -1);
			}
		});
		this.server.start();
	}

	TestReceiver answering(int... statuses) {
		for (int status : statuses) {
			this.statuses.add(status);
			this.lastStatus = status;
		}
		return this;
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String path, Map<String, List<String>> headers, byte[] body) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

	}

}
