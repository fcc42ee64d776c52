package io.github.skyvernstarter.fake;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One run: {@code GET /v1/runs/{runId}}, {@code POST /v1/runs/{runId}/cancel} and
 * {@code POST /v1/runs/{runId}/retry_webhook}.
 */
final class RunRoutes {

	// Skyvern keeps the first 2 KB of the receiver's answer.
	private static final int RESPONSE_BODY_LIMIT = 2048;

	private final FakeState state;

	private final RunSteps steps;

	private final FakeWebhooks webhooks;

	private final Consumer<FakeRun> finished;

	/**
	 * @param finished told when a run is canceled: Skyvern sends the run's webhook again on every
	 * cancel, even of a finished run
	 */
	RunRoutes(FakeState state, RunSteps steps, FakeWebhooks webhooks, Consumer<FakeRun> finished) {
		this.state = state;
		this.steps = steps;
		this.webhooks = webhooks;
		this.finished = finished;
	}

	void addTo(FakeRoutes routes) {
		routes.add("GET", "/v1/runs/{runId}", (request, variables) -> withRun(variables, this::get))
			.add("POST", "/v1/runs/{runId}/cancel", (request, variables) -> withRun(variables, this::cancel))
			.add("POST", "/v1/runs/{runId}/retry_webhook",
					(request, variables) -> withRun(variables, (run) -> retryWebhook(run, request)));
	}

	private FakeResponse withRun(Map<String, String> variables, Function<FakeRun, FakeResponse> handler) {
		String runId = variables.get("runId");
		FakeRun run = this.state.run(runId);
		return (run != null) ? handler.apply(run) : FakeResponse.error(404, "Run " + runId + " not found");
	}

	private FakeResponse get(FakeRun run) {
		return FakeResponse.json(FakeWireFormat.run(this.steps.polled(run)));
	}

	private FakeResponse cancel(FakeRun run) {
		run.cancel(this.state.now());
		this.state.recordCancel(run.runId());
		this.finished.accept(run);
		return FakeResponse.json(200, "null".getBytes(StandardCharsets.UTF_8));
	}

	private FakeResponse retryWebhook(FakeRun run, FakeRequest request) {
		FakeRun.Snapshot snapshot = run.snapshot();
		if (!snapshot.status().isFinal()) {
			return FakeResponse.error(400,
					"Run " + run.runId() + " is not in a final state (" + snapshot.status() + ")");
		}
		URI explicit = null;
		if (request.body().length > 0) {
			try {
				JsonNode url = FakeJson.read(request.body()).get("webhook_url");
				explicit = (url != null && url.isString()) ? URI.create(url.asString()) : null;
			}
			catch (JacksonException | IllegalArgumentException ex) {
				return FakeResponse.error(422, "webhook_url is not a valid URL");
			}
		}
		URI target = (explicit != null) ? explicit : this.webhooks.target(run);
		if (target == null) {
			return FakeResponse.error(400, "Run " + run.runId() + " has no webhook URL");
		}
		if (!FakeWebhooks.isLoopback(target)) {
			return FakeResponse.error(400, "The fake Skyvern delivers webhooks to loopback addresses only, not " + target);
		}
		byte[] payload = FakeWebhooks.body(snapshot);
		FakeWebhookSender sender = this.webhooks.sender(run);
		long start = System.nanoTime();
		Map<String, String> headers = sender.headers(payload);
		Integer statusCode = null;
		String responseBody = null;
		String failure = null;
		try {
			FakeWebhookDelivery delivery = sender.deliver(target, payload);
			headers = delivery.headers();
			statusCode = delivery.statusCode();
			responseBody = truncate(delivery.responseBody());
		}
		catch (UncheckedIOException ex) {
			failure = ex.getMessage();
		}
		long latency = (System.nanoTime() - start) / 1_000_000;
		return FakeResponse.json(200, FakeWireFormat.retryWebhookResult(run.runId(), run.webhookUrl(),
				target.toString(), payload, headers, statusCode, latency, responseBody, failure));
	}

	private static String truncate(String text) {
		return (text.length() <= RESPONSE_BODY_LIMIT) ? text : text.substring(0, RESPONSE_BODY_LIMIT);
	}

}
