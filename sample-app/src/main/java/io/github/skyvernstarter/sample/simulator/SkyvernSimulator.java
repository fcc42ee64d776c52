package io.github.skyvernstarter.sample.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.skyvernstarter.fake.FakeRequest;
import io.github.skyvernstarter.fake.FakeResponse;
import io.github.skyvernstarter.fake.FakeSkyvern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stand-in for the Skyvern API on a loopback port, so the sample runs without an account: the
 * project's fake Skyvern ({@link FakeSkyvern}, the one the test kit serves with WireMock) served by
 * the JDK's HTTP server, so the sample needs no WireMock.
 * <p>
 * Every run, whatever its workflow id, goes {@code created -> queued -> running -> completed}, one
 * step per {@code stepDelay}, with an output that echoes its parameters; then its signed run-finished
 * webhook goes to the run's {@code webhook_url} when that is on this machine, or else to the default
 * webhook URL (the sample's own receiver), as a workflow's default webhook does in Skyvern.
 */
public final class SkyvernSimulator implements AutoCloseable {

	// The largest request body read: the sample's run requests are a few hundred bytes.
	static final int MAX_BODY_SIZE = 1024 * 1024;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final FakeSkyvern fake;

	private final ExecutorService handlers = Executors.newFixedThreadPool(4, (runnable) -> {
		Thread thread = new Thread(runnable, "skyvern-simulator-http");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpServer server;

	/**
	 * Create a simulator; {@link #start()} it before use.
	 * @param apiKey the only API key it accepts
	 * @param stepDelay the time between two status steps of a run
	 * @param defaultWebhookUrl where webhooks go for runs without a {@code webhook_url} on this
	 * machine; may supply {@code null} while unknown
	 */
	public SkyvernSimulator(String apiKey, Duration stepDelay, Supplier<@Nullable URI> defaultWebhookUrl) {
		this.fake = FakeSkyvern.builder()
			.apiKey(apiKey)
			.stepEvery(stepDelay)
			.sendWebhooksWhenRunsFinish()
			// The sample may run for days: keep no request log.
			.withoutRecording()
			.defaultWebhookTarget(defaultWebhookUrl)
			.build();
		this.fake.anyWorkflow().completesWithOutputOf(SkyvernSimulator::output).finishesAfter(3);
		this.fake.tasks().completesWithOutputOf(SkyvernSimulator::taskOutput).finishesAfter(3);
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not open a loopback port for the Skyvern simulator", ex);
		}
		this.server.setExecutor(this.handlers);
		this.server.createContext("/", this::handle);
	}

	/**
	 * Start answering on a random loopback port.
	 */
	public void start() {
		this.server.start();
	}

	/**
	 * Return the URL to use as {@code skyvern.base-url}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.handlers.shutdownNow();
		this.fake.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = readBody(exchange.getRequestBody());
			FakeResponse response = (body != null)
					? this.fake.handle(new FakeRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
							exchange.getRequestHeaders(), query(exchange.getRequestURI().getRawQuery()), body))
					: FakeResponse.error(413, "Request body too large");
			response.headers().forEach(exchange.getResponseHeaders()::set);
			exchange.sendResponseHeaders(response.status(), (response.body().length > 0) ? response.body().length : -1);
			exchange.getResponseBody().write(response.body());
		}
	}

	static byte @Nullable [] readBody(InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY_SIZE + 1);
		return (body.length <= MAX_BODY_SIZE) ? body : null;
	}

	private static Map<String, List<String>> query(@Nullable String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery != null && !rawQuery.isEmpty()) {
			for (String pair : rawQuery.split("&")) {
				int equals = pair.indexOf('=');
				String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
				String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
				query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
			}
		}
		return query;
	}

	/**
	 * The output of a simulated run: a message and the parameters it was given.
	 */
	private static ObjectNode output(JsonNode request) {
		JsonNode workflowId = request.has("agent_id") ? request.get("agent_id") : request.get("workflow_id");
		ObjectNode output = NODES.objectNode();
		output.put("message", "Simulated run of " + workflowId.asString() + " completed");
		JsonNode parameters = request.get("parameters");
		output.set("parameters", (parameters != null && parameters.isObject()) ? parameters : NODES.objectNode());
		return output;
	}

	/**
	 * The output of a simulated task: a message naming the prompt and the URL.
	 */
	private static ObjectNode taskOutput(JsonNode request) {
		ObjectNode output = NODES.objectNode();
		JsonNode url = request.get("url");
		output.put("message", "Simulated task completed: " + request.get("prompt").asString()
				+ ((url != null && url.isString()) ? " at " + url.asString() : ""));
		return output;
	}

}
