package io.github.skyvernstarter.sample.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small stand-in for the Skyvern API on a loopback port, so the sample runs without an account:
 * {@code POST /v1/run/agents}, {@code GET /v1/runs/{id}} and {@code POST /v1/runs/{id}/cancel}.
 * <p>
 * Every run, whatever its workflow id, goes {@code created -> queued -> running -> completed}, one
 * step per {@code stepDelay}, and then its signed run-finished webhook goes to the run's
 * {@code webhook_url}, or else to the default webhook URL (the sample's own receiver), as a workflow's
 * default webhook does in Skyvern.
 */
public final class SkyvernSimulator implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SkyvernSimulator.class);

	private static final Pattern RUN_PATH = Pattern.compile("/v1/runs/([^/]+)(/cancel)?");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String apiKey;

	private final Duration stepDelay;

	private final Supplier<@Nullable URI> defaultWebhookUrl;

	private final Clock clock = Clock.systemUTC();

	private final Map<String, SimulatedRun> runs = new ConcurrentHashMap<>();

	private final AtomicLong nextRunNumber = new AtomicLong(System.currentTimeMillis() * 1000);

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("timer"));

	private final ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("http"));

	private final SimulatorWebhookSender webhooks = new SimulatorWebhookSender(this.scheduler);

	private final HttpServer server;

	/**
	 * Create a simulator; {@link #start()} it before use.
	 * @param apiKey the only API key it accepts
	 * @param stepDelay the time between two status steps of a run
	 * @param defaultWebhookUrl where webhooks go for runs without a {@code webhook_url}; may supply
	 * {@code null} while unknown
	 */
	public SkyvernSimulator(String apiKey, Duration stepDelay, Supplier<@Nullable URI> defaultWebhookUrl) {
		this.apiKey = apiKey;
		this.stepDelay = stepDelay;
		this.defaultWebhookUrl = defaultWebhookUrl;
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
		this.scheduler.shutdownNow();
		this.handlers.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String path = exchange.getRequestURI().getPath();
			if (!this.apiKey.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
				answer(exchange, 403, error("Invalid credentials"));
				return;
			}
			if (path.equals("/v1/run/agents") || path.equals("/v1/run/workflows")) {
				if (method.equals("POST")) {
					startRun(exchange);
				}
				else {
					answer(exchange, 405, error("Method Not Allowed"));
				}
				return;
			}
			Matcher matcher = RUN_PATH.matcher(path);
			if (!matcher.matches()) {
				answer(exchange, 404, error("Not Found"));
				return;
			}
			boolean cancel = matcher.group(2) != null;
			if (!method.equals(cancel ? "POST" : "GET")) {
				answer(exchange, 405, error("Method Not Allowed"));
				return;
			}
			SimulatedRun run = this.runs.get(matcher.group(1));
			if (run == null) {
				answer(exchange, 404, error("Run " + matcher.group(1) + " not found"));
			}
			else if (cancel) {
				run.cancel(this.clock.instant());
				// Skyvern re-sends the run's webhook on every cancel.
				sendWebhook(run);
				answer(exchange, 200, "null".getBytes(StandardCharsets.UTF_8));
			}
			else {
				answer(exchange, 200, JSON.writeValueAsBytes(run.toJson()));
			}
		}
	}

	private void startRun(HttpExchange exchange) throws IOException {
		JsonNode body;
		try {
			body = JSON.readTree(exchange.getRequestBody().readAllBytes());
		}
		catch (JacksonException ex) {
			answer(exchange, 422, error("JSON decode error"));
			return;
		}
		JsonNode workflowId = (body != null) ? body.path("agent_id") : null;
		if (workflowId == null || !workflowId.isString()) {
			workflowId = (body != null) ? body.path("workflow_id") : null;
		}
		if (!(body instanceof ObjectNode request) || workflowId == null || !workflowId.isString()) {
			answer(exchange, 422, error("Field required: agent_id"));
			return;
		}
		String runId = "wr_" + this.nextRunNumber.getAndIncrement();
		SimulatedRun run = new SimulatedRun(runId, workflowId.asString(), request, this.apiKey, this.clock.instant());
		this.runs.put(runId, run);
		scheduleNextStep(run);
		answer(exchange, 200, JSON.writeValueAsBytes(run.toJson()));
	}

	private void scheduleNextStep(SimulatedRun run) {
		this.scheduler.schedule(() -> {
			if (run.advance(this.clock.instant())) {
				sendWebhook(run);
			}
			else if (!run.isFinal()) {
				scheduleNextStep(run);
			}
		}, this.stepDelay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void sendWebhook(SimulatedRun run) {
		URI target = webhookTarget(run);
		if (target == null) {
			logger.debug("Skyvern simulator: run " + run.runId() + " has no webhook URL");
			return;
		}
		ObjectNode payload = run.toWebhookJson();
		this.webhooks.send(run.runId(), payload.get("status").asString(), target, JSON.writeValueAsBytes(payload),
				run.apiKey());
	}

	private @Nullable URI webhookTarget(SimulatedRun run) {
		String own = run.webhookUrl();
		if (own != null) {
			try {
				return URI.create(own);
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Skyvern simulator: run " + run.runId() + " has an invalid webhook_url: " + own);
				return null;
			}
		}
		return this.defaultWebhookUrl.get();
	}

	private static byte[] error(String detail) {
		return JSON.writeValueAsBytes(Map.of("detail", detail));
	}

	private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static ThreadFactory daemon(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, "skyvern-simulator-" + name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
