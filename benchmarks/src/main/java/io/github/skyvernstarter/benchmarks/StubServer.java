package io.github.skyvernstarter.benchmarks;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A loopback Skyvern stub that answers canned bytes: {@code GET /v1/runs/{id}} with a completed run
 * and {@code POST /v1/run/agents} with a created run. It parses nothing, so its own cost is small and
 * equal for every client measured against it; that is why it is not the project's fake Skyvern, which
 * builds each answer from a run's state (see {@link RunSimulator}).
 */
final class StubServer implements AutoCloseable {

	private static final byte[] COMPLETED = CannedRuns.bytes(CannedRuns.run("wr_bench", "completed", true));

	private static final byte[] CREATED = CannedRuns.bytes(CannedRuns.run("wr_bench", "created", false));

	private final LoopResources loops;

	private final DisposableServer server;

	StubServer() {
		// Its own event loop: the stub must not share threads with the client it serves.
		this.loops = LoopResources.create("stub", 1, true);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.get("/v1/runs/{runId}", (request, response) -> send(response, COMPLETED))
				.post("/v1/run/agents",
						(request, response) -> request.receive().then(Mono.defer(() -> send(response, CREATED)))))
			.bindNow();
	}

	private static Mono<Void> send(HttpServerResponse response, byte[] body) {
		return response.header(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
			.sendByteArray(Mono.just(body))
			.then();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.dispose();
	}

}
