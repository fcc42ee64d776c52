package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A loopback Skyvern: starts runs with fresh ids, answers every run read with the run completed, and
 * lists no run; counts every call.
 */
final class LoopbackSkyvern implements AutoCloseable {

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final AtomicInteger calls = new AtomicInteger();

	private final AtomicInteger runs = new AtomicInteger();

	private final List<String> started = Collections.synchronizedList(new ArrayList<>());

	LoopbackSkyvern() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/v1/", (exchange) -> {
			this.calls.incrementAndGet();
			exchange.getRequestBody().readAllBytes();
			String path = exchange.getRequestURI().getPath();
			String answer;
			if (exchange.getRequestMethod().equals("POST") && path.equals("/v1/run/agents")) {
				String runId = "wr_bench" + this.runs.incrementAndGet();
				this.started.add(runId);
				answer = run(runId, "created");
			}
			else if (path.equals("/v1/runs")) {
				answer = "[]";
			}
			else {
				answer = run(path.substring(path.lastIndexOf('/') + 1), "completed");
			}
			byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.server.start();
	}

	static String run(String runId, String status) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"output\":"
				+ ("completed".equals(status) ? "{\"total\":42}" : "null")
				+ ",\"run_type\":\"workflow_run\",\"created_at\":\"2026-08-22T18:30:00.160725\"}";
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	int calls() {
		return this.calls.get();
	}

	void resetCalls() {
		this.calls.set(0);
	}

	List<String> lastRunIds(int count) {
		synchronized (this.started) {
			return new ArrayList<>(this.started.subList(this.started.size() - count, this.started.size()));
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
