package io.github.skyvernstarter.test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Skyvern API as the stub plays it, independent of the HTTP server: routes, authentication,
 * run state, recorded run requests and webhook delivery.
 */
final class SkyvernStubApi {

	private static final Pattern RUN_PATH = Pattern.compile("/v1/runs/([^/]+)(/cancel|/retry_webhook)?/?");

	private static final String API_KEY_HEADER = "x-api-key";

	private final Clock clock;

	private final Map<String, WorkflowStub> workflows = new ConcurrentHashMap<>();

	private volatile WorkflowStub anyWorkflow = new WorkflowStub();

	private final Map<String, StubRun> runs = new ConcurrentHashMap<>();

	private final List<RecordedRunRequest> runRequests = new CopyOnWriteArrayList<>();

	private final List<String> canceledRuns = new CopyOnWriteArrayList<>();

	// Shaped like Skyvern's ids (wr_ and 18 digits), unique within one stub.
	private final AtomicLong nextRunNumber = new AtomicLong(500_000_000_000_000_001L);

	private volatile Supplier<@Nullable URI> defaultWebhookTarget = () -> null;

	SkyvernStubApi(Clock clock) {
		this.clock = clock;
	}

	WorkflowStub stubWorkflow(String workflowId) {
		WorkflowStub stub = new WorkflowStub();
		this.workflows.put(workflowId, stub);
		return stub;
	}

	WorkflowStub stubAnyWorkflow() {
		WorkflowStub stub = new WorkflowStub();
		this.anyWorkflow = stub;
		return stub;
	}

	void defaultWebhookTarget(Supplier<@Nullable URI> target) {
		this.defaultWebhookTarget = target;
	}

	List<RecordedRunRequest> runRequests() {
		return List.copyOf(this.runRequests);
	}

	List<String> canceledRuns() {
		return List.copyOf(this.canceledRuns);
	}

	@Nullable StubRun run(String runId) {
		return this.runs.get(runId);
	}

	void reset() {
		this.workflows.clear();
		this.anyWorkflow = new WorkflowStub();
		this.runs.clear();
		this.runRequests.clear();
		this.canceledRuns.clear();
	}

	Response handle(Request request) {
		String apiKey = request.header(API_KEY_HEADER);
		if (apiKey == null || apiKey.isBlank()) {
			return Response.error(403, "Invalid credentials");
		}
		String path = request.path();
		if (path.equals("/v1/run/agents") || path.equals("/v1/run/workflows")) {
			return request.method().equals("POST") ? runWorkflow(request, apiKey) : Response.error(405,
					"Method Not Allowed");
		}
		Matcher matcher = RUN_PATH.matcher(path);
		if (!matcher.matches()) {
			return Response.error(404, "Not Found");
		}
		String runId = matcher.group(1);
		String action = matcher.group(2);
		String expectedMethod = (action == null) ? "GET" : "POST";
		if (!request.method().equals(expectedMethod)) {
			return Response.error(405, "Method Not Allowed");
		}
		StubRun run = this.runs.get(runId);
		if (run == null) {
			return Response.error(404, "Run " + runId + " not found");
		}
		if (action == null) {
			return Response.json(SkyvernWireFormat.run(run.poll(this.clock.instant())));
		}
		if (action.equals("/cancel")) {
			run.cancel(this.clock.instant());
			this.canceledRuns.add(runId);
			return new Response(200, "null".getBytes(StandardCharsets.UTF_8));
		}
		return retryWebhook(run, request);
	}

	private Response runWorkflow(Request request, String apiKey) {
		JsonNode body;
		try {
			body = SkyvernWireFormat.readTree(request.body());
		}
		catch (JacksonException ex) {
			return Response.error(422, "JSON decode error");
		}
		if (!(body instanceof ObjectNode object)) {
			return Response.error(422, "Input should be a valid dictionary or object");
		}
		JsonNode id = object.has("agent_id") ? object.get("agent_id") : object.get("workflow_id");
		if (id == null || !id.isString() || id.asString().isBlank()) {
			return Response.error(422, "Field required: agent_id");
		}
		String workflowId = id.asString();
		WorkflowStub stub = this.workflows.getOrDefault(workflowId, this.anyWorkflow);
		WorkflowStub.StartError error = stub.startError();
		if (error != null) {
			this.runRequests.add(new RecordedRunRequest(null, workflowId, object, request.headers(), request.query()));
			return Response.error(error.httpStatus(), error.detail());
		}
		String runId = "wr_" + this.nextRunNumber.getAndIncrement();
		StubRun run = new StubRun(runId, workflowId, object, apiKey, stub.outcome(), this.clock.instant());
		this.runs.put(runId, run);
		this.runRequests.add(new RecordedRunRequest(runId, workflowId, object, request.headers(), request.query()));
		return Response.json(SkyvernWireFormat.run(run.snapshot()));
	}

	private Response retryWebhook(StubRun run, Request request) {
		StubRun.Snapshot snapshot = run.snapshot();
		if (!snapshot.status().isFinal()) {
			return Response.error(400, "Run " + run.runId() + " is not in a final state (" + snapshot.status() + ")");
		}
		URI explicit = null;
		if (request.body().length > 0) {
			try {
				JsonNode url = SkyvernWireFormat.readTree(request.body()).get("webhook_url");
				explicit = (url != null && url.isString()) ? URI.create(url.asString()) : null;
			}
			catch (JacksonException | IllegalArgumentException ex) {
				return Response.error(422, "webhook_url is not a valid URL");
			}
		}
		URI target = (explicit != null) ? explicit : webhookTarget(run);
		if (target == null) {
			return Response.error(400, "Run " + run.runId() + " has no webhook URL");
		}
		if (!isLoopback(target)) {
			return Response.error(400, "The Skyvern stub delivers webhooks to loopback addresses only, not " + target);
		}
		byte[] payload = SkyvernWireFormat.write(SkyvernWireFormat.runFinishedWebhook(snapshot));
		SkyvernWebhookSigner signer = new SkyvernWebhookSigner(run.apiKey(), this.clock);
		long start = System.nanoTime();
		Map<String, String> headers = signer.headers(payload);
		Integer statusCode = null;
		String responseBody = null;
		String failure = null;
		try {
			WebhookDelivery delivery = signer.deliver(target, payload);
			headers = delivery.headers();
			statusCode = delivery.statusCode();
			responseBody = truncate(delivery.responseBody());
		}
		catch (UncheckedIOException ex) {
			failure = ex.getMessage();
		}
		long latency = (System.nanoTime() - start) / 1_000_000;
		return new Response(200, SkyvernWireFormat.retryWebhookResult(run.runId(), run.webhookUrl(),
				target.toString(), payload, headers, statusCode, latency, responseBody, failure));
	}

	/**
	 * Deliver the run-finished webhook of a run, finishing the run first if it has not finished.
	 */
	WebhookDelivery deliverRunFinished(String runId, @Nullable URI explicitTarget) {
		StubRun run = this.runs.get(runId);
		if (run == null) {
			throw new IllegalArgumentException("The Skyvern stub has no run " + runId + "; runs: " + this.runs.keySet());
		}
		URI target = (explicitTarget != null) ? explicitTarget : webhookTarget(run);
		if (target == null) {
			throw new IllegalStateException("Run " + runId + " has no loopback webhook_url and the stub knows no "
					+ "default webhook target: use a @SpringBootTest with a web server (RANDOM_PORT), call "
					+ "SkyvernStub.defaultWebhookTarget(URI), or pass the target");
		}
		byte[] body = SkyvernWireFormat.write(SkyvernWireFormat.runFinishedWebhook(run.finish(this.clock.instant())));
		return new SkyvernWebhookSigner(run.apiKey(), this.clock).deliver(target, body);
	}

	/**
	 * Return the run's own webhook URL when it points at this machine, else the default target: the
	 * stub never calls out of the machine, even when the application set a public webhook URL.
	 */
	private @Nullable URI webhookTarget(StubRun run) {
		String own = run.webhookUrl();
		if (own != null) {
			try {
				URI uri = URI.create(own);
				if (isLoopback(uri)) {
					return uri;
				}
			}
			catch (IllegalArgumentException ex) {
				// Not a URL: fall back to the default target.
			}
		}
		return this.defaultWebhookTarget.get();
	}

	static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			return false;
		}
		String normalized = host.toLowerCase(Locale.ROOT);
		return normalized.equals("localhost") || normalized.startsWith("127.") || normalized.equals("[::1]")
				|| normalized.equals("::1");
	}

	private static String truncate(String text) {
		// Skyvern keeps the first 2 KB of the receiver's answer.
		return (text.length() <= 2048) ? text : text.substring(0, 2048);
	}

	/**
	 * A request as the stub sees it; header names in lower case.
	 */
	record Request(String method, String path, Map<String, List<String>> headers, Map<String, List<String>> query,
			byte[] body) {

		@Nullable String header(String name) {
			List<String> values = this.headers.get(name);
			return (values != null && !values.isEmpty()) ? values.get(0) : null;
		}

	}

	/**
	 * A JSON answer.
	 */
	record Response(int status, byte[] body) {

		static Response json(JsonNode json) {
			return new Response(200, SkyvernWireFormat.write(json));
		}

		static Response error(int status, String detail) {
			return new Response(status, SkyvernWireFormat.error(status, detail));
		}

	}

}
