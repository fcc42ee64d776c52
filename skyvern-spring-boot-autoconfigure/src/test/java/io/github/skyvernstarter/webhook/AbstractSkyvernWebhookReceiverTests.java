package io.github.skyvernstarter.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.skyvernstarter.webhook.WebhookVectors.Vector;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the receiver on a real server: Skyvern's vectors, hostile input, concurrent and failing
 * deliveries. Subclasses choose the web stack.
 */
abstract class AbstractSkyvernWebhookReceiverTests {

	static final String API_KEY = "sk-server-test-key-2468";

	static final String PATH = "/skyvern/webhooks";

	static final int MAX_BODY = 64 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	RunFinishedRecorder recorder;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	MeterRegistry meters;

	WebhookClient client;

	@DynamicPropertySource
	static void webhookProperties(DynamicPropertyRegistry registry) {
		registry.add("skyvern.api-key", () -> API_KEY);
		registry.add("skyvern.webhooks.max-body-size", () -> MAX_BODY + "B");
		// Huge headers are to reach the receiver: past the server's own limit (8KB by default), Tomcat and
		// Reactor Netty refuse the request before any application code runs.
		registry.add("server.max-http-request-header-size", () -> "64KB");
		List<Vector> vectors = WebhookVectors.all();
		for (int i = 0; i < vectors.size(); i++) {
			registry.add("skyvern.webhooks.signing-keys[" + i + "]", vectors.get(i)::apiKey);
		}
	}

	static Stream<Vector> vectors() {
		return WebhookVectors.all().stream();
	}

	abstract String expectedWebServer();

	@BeforeEach
	void setUp() {
		this.recorder.reset();
		this.client = new WebhookClient(this.port, PATH);
	}

	static byte[] runBody(String runId, String status) {
		return ("{\"run_id\":\"" + runId + "\",\"status\":\"" + status
				+ "\",\"output\":{\"total\":42},\"run_type\":\"workflow_run\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static Map<String, String> signed(byte[] body, String signature) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("x-skyvern-signature", signature);
		headers.put("x-skyvern-timestamp", "1787423712");
		return headers;
	}

	static Map<String, String> signed(byte[] body) {
		return signed(body, SkyvernWebhookVerifier.sign(body, API_KEY));
	}

	@Test
	void runsOnTheExpectedServer() {
		assertThat(this.context.getWebServer().getClass().getName()).isEqualTo(expectedWebServer());
	}

	@Test
	void acceptsEveryVectorAsSkyvernSendsIt() {
		Map<String, Integer> statuses = new LinkedHashMap<>();
		Map<String, String> bodies = new LinkedHashMap<>();
		for (Vector vector : WebhookVectors.all()) {
			HttpResponse<String> response = this.client.post(vector.body(), vector.headers());
			statuses.put(vector.id(), response.statusCode());
			bodies.put(vector.id(), response.body());
		}
		// Every signature verifies (nothing is 401). '{}' is signed but is not a run: 400. v7 repeats v1's
		// run and status (only its unsigned timestamp differs): acknowledged as a duplicate.
		assertThat(statuses).doesNotContainValue(401);
		assertThat(statuses).containsEntry("v6_empty_object", 400);
		assertThat(bodies).containsEntry("v7_timestamp_on_non_utc_server", "duplicate");
		statuses.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("v6_empty_object"))
			.forEach((entry) -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(200));
		assertThat(this.recorder.events()).extracting((event) -> event.getRun().runId())
			.containsExactly("tsk_1", "wr_490440779503358000", "wr_1", "wr_2", "wr_3");
		for (SkyvernRunFinishedEvent event : this.recorder.events()) {
			Vector vector = WebhookVectors.all()
				.stream()
				.filter((candidate) -> candidate.body().length == event.getBody().length
						&& Arrays.equals(candidate.body(), event.getBody()))
				.findFirst()
				.orElseThrow();
			assertThat(event.getHeaders().getFirst("x-skyvern-signature")).isEqualTo(vector.signature());
			assertThat(event.getSkyvernTimestamp()).hasToString(
					java.time.Instant.ofEpochSecond(Long.parseLong(vector.timestamp())).toString());
		}
		assertThat(this.recorder.events().get(1).getRun().output().get("extracted_information").get(0).get("total")
			.asDouble()).isEqualTo(1234.5);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsEveryChangeToAVectorWith401AndPublishesNothing(Vector vector) {
		Map<String, HttpResponse<String>> responses = new TreeMap<>();
		byte[] oneByteChanged = vector.body().clone();
		oneByteChanged[oneByteChanged.length / 2] ^= 0x01;
		responses.put("one body byte changed", this.client.post(oneByteChanged, vector.headers()));
		byte[] reserialized = vector.reserializedMatches() ? JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build()
			.writeValueAsBytes(JsonMapper.builder().build().readTree(vector.body())) : vector.reserializedBody();
		responses.put("re-serialized body", this.client.post(reserialized, vector.headers()));
		responses.put("wrong key",
				this.client.post(vector.body(), withSignature(vector, WebhookVectors
					.hmacHex((vector.apiKey() + "-old").getBytes(StandardCharsets.UTF_8), vector.body()))));
		responses.put("empty key",
				this.client.post(vector.body(), withSignature(vector, WebhookVectors.hmacHex(new byte[0], vector.body()))));
		char[] forged = vector.signature().toCharArray();
		forged[31] = (forged[31] == 'a') ? 'b' : 'a';
		responses.put("same-length forgery", this.client.post(vector.body(), withSignature(vector, new String(forged))));
		responses.put("upper-case hex",
				this.client.post(vector.body(), withSignature(vector, vector.signature().toUpperCase(Locale.ROOT))));
		Map<String, String> missing = new LinkedHashMap<>(vector.headers());
		missing.remove("x-skyvern-signature");
		responses.put("missing signature header", this.client.post(vector.body(), missing));
		responses.forEach((change, response) -> {
			assertThat(response.statusCode()).as(change).isEqualTo(401);
			assertThat(response.body()).as(change).hasSizeLessThan(40).doesNotContain(vector.apiKey());
		});
		assertThat(this.recorder.events()).isEmpty();
	}

	private static Map<String, String> withSignature(Vector vector, String signature) {
		Map<String, String> headers = new LinkedHashMap<>(vector.headers());
		headers.put("x-skyvern-signature", signature);
		return headers;
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "PUT", "DELETE", "PATCH" })
	void answersOtherMethodsWith405(String method) {
		byte[] body = runBody("wr_method", "completed");
		HttpResponse<String> response = this.client.send(method,
				java.net.http.HttpRequest.BodyPublishers.ofByteArray(body), signed(body));
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
		assertThat(this.recorder.events()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "application/xml" })
	void answersOtherContentTypesWith415(String contentType) {
		byte[] body = runBody("wr_type", "completed");
		Map<String, String> headers = signed(body);
		headers.put("Content-Type", contentType);
		assertThat(this.client.post(body, headers).statusCode()).isEqualTo(415);
		assertThat(this.recorder.events()).isEmpty();
	}

	@Test
	void recordsEveryDeliveryByOutcomeFromReceiptToAnswer() throws Exception {
		Map<String, Long> before = deliveriesByOutcome();
		byte[] run = runBody("wr_metrics", "completed");
		this.client.post(run, signed(run));
		this.client.post(run, signed(run));
		this.client.post(run, signed(run, SkyvernWebhookVerifier.sign(run, "sk-attacker")));
		byte[] notARun = "{}".getBytes(StandardCharsets.UTF_8);
		this.client.post(notARun, signed(notARun));
		this.client.send("GET", java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of());
		byte[] large = paddedRun("wr_metrics_large", MAX_BODY + 1);
		this.client.postChunked(large, signed(large));
		this.recorder.when("wr_metrics_failing", (event) -> {
			throw new IllegalStateException("listener fails");
		});
		byte[] failing = runBody("wr_metrics_failing", "failed");
		this.client.post(failing, signed(failing));
		CountDownLatch listening = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.recorder.when("wr_metrics_slow", (event) -> {
			listening.countDown();
			await(release);
		});
		byte[] slow = runBody("wr_metrics_slow", "completed");
		CompletableFuture<HttpResponse<String>> first = this.client.postAsync(slow, signed(slow));
		assertThat(listening.await(20, TimeUnit.SECONDS)).isTrue();
		assertThat(this.client.post(slow, signed(slow)).statusCode()).isEqualTo(425);
		release.countDown();
		assertThat(first.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		// The servlet adapter reports after writing the answer, which the client may read first.
		org.awaitility.Awaitility.await().untilAsserted(() -> {
			Map<String, Long> recorded = deliveriesByOutcome();
			recorded.replaceAll((outcome, count) -> count - before.getOrDefault(outcome, 0L));
			recorded.values().removeIf((count) -> count == 0);
			assertThat(recorded).containsExactlyInAnyOrderEntriesOf(Map.of("accepted", 2L, "duplicate", 1L,
					"in_progress", 1L, "invalid_signature", 1L, "malformed", 2L, "too_large", 1L, "listener_error",
					1L));
		});
		assertThat(this.meters.get("skyvern.webhook.deliveries").tag("outcome", "accepted").timer())
			.satisfies((accepted) -> assertThat(accepted.max(TimeUnit.NANOSECONDS)).isPositive());
	}

	private Map<String, Long> deliveriesByOutcome() {
		Map<String, Long> counts = new TreeMap<>();
		this.meters.find("skyvern.webhook.deliveries")
			.timers()
			.forEach((timer) -> counts.merge(timer.getId().getTag("outcome"), timer.count(), Long::sum));
		return counts;
	}

	@Test
	void answersBodiesOverTheLimitWith413WhetherOrNotTheyDeclareTheirLength() {
		byte[] body = paddedRun("wr_large", MAX_BODY + 1);
		assertThat(this.client.post(body, signed(body)).statusCode()).isEqualTo(413);
		assertThat(this.client.postChunked(body, signed(body)).statusCode()).isEqualTo(413);
		assertThat(this.recorder.events()).isEmpty();
	}

	@Test
	void acceptsABodyOfExactlyTheLimit() {
		byte[] body = paddedRun("wr_at_limit", MAX_BODY);
		assertThat(this.client.postChunked(body, signed(body)).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events("wr_at_limit")).hasSize(1);
	}

	static byte[] paddedRun(String runId, int size) {
		String start = "{\"run_id\":\"" + runId + "\",\"status\":\"completed\",\"output\":\"";
		String end = "\"}";
		return (start + "x".repeat(size - start.length() - end.length()) + end).getBytes(StandardCharsets.UTF_8);
	}

	@Test
	void hundredConcurrentDeliveriesOfOneRunPublishExactlyOneEvent() throws Exception {
		String runId = "wr_concurrent";
		byte[] body = runBody(runId, "completed");
		CountDownLatch othersAnswered = new CountDownLatch(99);
		// The first delivery's listener holds on until the 99 others have their answers, so that they
		// all arrive while it is in progress.
		this.recorder.when(runId, (event) -> await(othersAnswered));
		List<CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			deliveries.add(this.client.postAsync(body, signed(body)).whenComplete((response, ex) -> {
				if (response != null && response.statusCode() == 425) {
					othersAnswered.countDown();
				}
			}));
		}
		List<HttpResponse<String>> responses = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> delivery : deliveries) {
			responses.add(delivery.get(30, TimeUnit.SECONDS));
		}
		assertThat(responses).filteredOn((response) -> response.statusCode() == 200).singleElement()
			.satisfies((response) -> assertThat(response.body()).isEqualTo("ok"));
		assertThat(responses).filteredOn((response) -> response.statusCode() == 425)
			.hasSize(99)
			.allSatisfy((response) -> assertThat(response.headers().firstValue("Retry-After")).hasValue("2"));
		// Skyvern retries the 425s: each is now acknowledged as a duplicate.
		List<CompletableFuture<HttpResponse<String>>> retries = new ArrayList<>();
		for (int i = 0; i < 99; i++) {
			retries.add(this.client.postAsync(body, signed(body)));
		}
		for (CompletableFuture<HttpResponse<String>> retry : retries) {
			HttpResponse<String> response = retry.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("duplicate");
		}
		assertThat(this.recorder.events(runId)).hasSize(1);
	}

	@Test
	void listenerThatFailsOnceGets5xxAndTheRedeliveryPublishesExactlyOneSuccessfulEvent() {
		String runId = "wr_fail_once";
		AtomicInteger calls = new AtomicInteger();
		this.recorder.when(runId, (event) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("listener fails once");
			}
		});
		byte[] body = runBody(runId, "failed");
		HttpResponse<String> first = this.client.post(body, signed(body));
		assertThat(first.statusCode()).isEqualTo(500);
		assertThat(first.body()).isEqualTo("listener failed");
		assertThat(this.recorder.events(runId)).isEmpty();
		HttpResponse<String> redelivery = this.client.post(body, signed(body));
		assertThat(redelivery.statusCode()).isEqualTo(200);
		assertThat(redelivery.body()).isEqualTo("ok");
		assertThat(this.client.post(body, signed(body)).body()).isEqualTo("duplicate");
		assertThat(this.recorder.events(runId)).hasSize(1);
		assertThat(calls).hasValue(2);
	}

	@Test
	void hostileInputPublishesNothingNeverGets5xxAndTheReceiverKeepsServing() throws Exception {
		Random random = new Random(20260822);
		int requests = 1008;
		List<HostileRequest> hostile = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			hostile.add(hostile(i, random));
		}
		// A few senders at once, as an attacker would, and to keep the test short.
		ExecutorService senders = Executors.newFixedThreadPool(4);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		try {
			for (HostileRequest request : hostile) {
				responses.add(senders.submit(() -> request.chunked ? this.client.postChunked(request.body, request.headers)
						: this.client.send(request.method,
								java.net.http.HttpRequest.BodyPublishers.ofByteArray(request.body), request.headers)));
			}
		}
		finally {
			senders.shutdown();
		}
		// Every request has its outcome before any assertion, so that a failure leaves none in flight to be
		// counted by the next test.
		assertThat(senders.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
		Map<String, Map<Integer, Integer>> statusesByKind = new TreeMap<>();
		for (int i = 0; i < requests; i++) {
			HostileRequest request = hostile.get(i);
			HttpResponse<String> response = answer(responses.get(i), request, i);
			int status = (response != null) ? response.statusCode() : CLOSED_WHILE_SENDING;
			statusesByKind.computeIfAbsent(request.kind, (kind) -> new TreeMap<>()).merge(status, 1, Integer::sum);
			if (response != null) {
				assertThat(response.statusCode()).as("%s (#%d)", request.kind, i).isBetween(400, 499);
				assertThat(response.body()).as(request.kind).hasSizeLessThan(40).doesNotContain(API_KEY);
			}
		}
		assertThat(this.recorder.events()).isEmpty();
		assertThat(statusesByKind.values().stream().flatMap((counts) -> counts.values().stream()).mapToInt(Integer::intValue)
			.sum()).isEqualTo(requests);
		assertThat(statusesByKind.get("random bytes, no signature")).containsOnlyKeys(401);
		assertThat(statusesByKind.get("random bytes, forged signature")).containsOnlyKeys(401);
		assertThat(statusesByKind.get("truncated JSON, valid signature")).containsOnlyKeys(400);
		assertThat(statusesByKind.get("truncated JSON, wrong key")).containsOnlyKeys(401);
		assertThat(statusesByKind.get("wrong content type")).containsOnlyKeys(415);
		assertThat(statusesByKind.get("wrong method")).containsOnlyKeys(405);
		assertThat(statusesByKind.get("oversized body")).containsKey(413)
			.satisfies((counts) -> assertThat(counts.keySet()).isSubsetOf(413, CLOSED_WHILE_SENDING));
		assertThat(statusesByKind.get("oversized chunked body")).containsKey(413)
			.satisfies((counts) -> assertThat(counts.keySet()).isSubsetOf(413, CLOSED_WHILE_SENDING));
		assertThat(statusesByKind.get("same-length forged signature")).containsOnlyKeys(401);
		assertThat(statusesByKind.get("malformed signature")).containsOnlyKeys(401);
		assertThat(statusesByKind.get("signed JSON that is not a run")).containsOnlyKeys(400);
		assertThat(statusesByKind.get("huge headers")).containsOnlyKeys(401);
		// Still serving: a genuine delivery after the storm is published.
		byte[] genuine = runBody("wr_after_storm", "completed");
		assertThat(this.client.post(genuine, signed(genuine)).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events()).singleElement()
			.satisfies((event) -> assertThat(event.getRun().runId()).isEqualTo("wr_after_storm"));
	}

	/**
	 * The answer to a hostile request, or {@code null} when the receiver closed the connection while an
	 * oversized body was still being sent. The receiver refuses such a body with 413 without reading the
	 * rest and closes the connection; TCP then lets the connection reset reach a client still sending
	 * before the 413 it was sent, so either is a correct outcome. A timeout never is.
	 */
	private static @org.jspecify.annotations.Nullable HttpResponse<String> answer(
			Future<HttpResponse<String>> response, HostileRequest request, int i) throws InterruptedException {
		try {
			return response.get(60, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			if (request.kind.startsWith("oversized") && closedWhileSending(ex.getCause())) {
				return null;
			}
			throw new AssertionError("No answer to " + request.kind + " (#" + i + ")", ex);
		}
		catch (TimeoutException ex) {
			throw new AssertionError("No answer to " + request.kind + " (#" + i + ")", ex);
		}
	}

	private static boolean closedWhileSending(Throwable failure) {
		Throwable cause = (failure instanceof java.io.UncheckedIOException unchecked) ? unchecked.getCause() : failure;
		return cause instanceof java.io.IOException && !(cause instanceof java.net.http.HttpTimeoutException);
	}

	private static final int CLOSED_WHILE_SENDING = -1;

	private static HostileRequest hostile(int i, Random random) {
		byte[] run = runBody("wr_hostile_" + i, "completed");
		String validSignature = SkyvernWebhookVerifier.sign(run, API_KEY);
		return switch (i % 12) {
			case 0 -> new HostileRequest("random bytes, no signature", "POST", randomBytes(random, 2000),
					Map.of("Content-Type", "application/json"), false);
			case 1 -> {
				byte[] body = randomBytes(random, 2000);
				yield new HostileRequest("random bytes, forged signature", "POST", body,
						signed(body, randomHex(random, 64)), false);
			}
			case 2 -> {
				byte[] truncated = Arrays.copyOf(run, random.nextInt(run.length - 1));
				yield new HostileRequest("truncated JSON, valid signature", "POST", truncated,
						signed(truncated, SkyvernWebhookVerifier.sign(truncated, API_KEY)), false);
			}
			case 3 -> {
				byte[] truncated = Arrays.copyOf(run, random.nextInt(run.length - 1));
				yield new HostileRequest("truncated JSON, wrong key", "POST", truncated,
						signed(truncated, SkyvernWebhookVerifier.sign(truncated, "sk-attacker")), false);
			}
			case 4 -> {
				String[] types = { "text/plain", "application/x-www-form-urlencoded", "application/xml",
						"multipart/form-data; boundary=abc", "*/*", "application/octet-stream", "text/json",
						"application/jsonx", "garbage", "application/json-seq" };
				Map<String, String> headers = signed(run, validSignature);
				headers.put("Content-Type", types[random.nextInt(types.length)]);
				yield new HostileRequest("wrong content type", "POST", run, headers, false);
			}
			case 5 -> {
				String[] methods = { "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE_NOT_A_METHOD" };
				String method = methods[random.nextInt(methods.length - 1)];
				yield new HostileRequest("wrong method", method, run, signed(run, validSignature), false);
			}
			case 6 -> {
				Map<String, String> headers = signed(run, randomHex(random, 64));
				headers.put("x-padding", "p".repeat(1000 + random.nextInt(40_000)));
				yield new HostileRequest("huge headers", "POST", run, headers, false);
			}
			case 7 -> {
				byte[] body = paddedRun("wr_hostile_" + i, MAX_BODY + 1 + random.nextInt(3 * MAX_BODY));
				yield new HostileRequest("oversized body", "POST", body,
						signed(body, SkyvernWebhookVerifier.sign(body, API_KEY)), false);
			}
			case 8 -> {
				byte[] body = paddedRun("wr_hostile_" + i, MAX_BODY + 1 + random.nextInt(3 * MAX_BODY));
				yield new HostileRequest("oversized chunked body", "POST", body,
						signed(body, SkyvernWebhookVerifier.sign(body, API_KEY)), true);
			}
			case 9 -> {
				char[] forged = validSignature.toCharArray();
				int position = random.nextInt(64);
				forged[position] = (forged[position] == '0') ? '1' : '0';
				yield new HostileRequest("same-length forged signature", "POST", run,
						signed(run, new String(forged)), false);
			}
			case 10 -> {
				String[] malformed = { validSignature.toUpperCase(Locale.ROOT), "sha256=" + validSignature,
						validSignature.substring(1), validSignature + "0", randomHex(random, 6000),
						"zz" + validSignature.substring(2), "", validSignature.replace('a', 'g') };
				yield new HostileRequest("malformed signature", "POST", run,
						signed(run, malformed[random.nextInt(malformed.length)]), false);
			}
			default -> {
				String[] notRuns = { "[]", "{}", "null", "123", "\"wr_1\"", "{\"run_id\":null,\"status\":\"completed\"}",
						"{\"run_id\":\"wr_x\",\"status\":\"\"}", "{\"run_id\":[1,2],\"status\":\"completed\"}",
						"{\"status\":\"completed\"}", "{\"run_id\":\"wr_x\"}" };
				byte[] body = notRuns[random.nextInt(notRuns.length)].getBytes(StandardCharsets.UTF_8);
				yield new HostileRequest("signed JSON that is not a run", "POST", body,
						signed(body, SkyvernWebhookVerifier.sign(body, API_KEY)), false);
			}
		};
	}

	private static byte[] randomBytes(Random random, int maxLength) {
		byte[] bytes = new byte[random.nextInt(maxLength)];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String randomHex(Random random, int length) {
		byte[] bytes = new byte[(length + 1) / 2];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes).substring(0, length);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record HostileRequest(String kind, String method, byte[] body, Map<String, String> headers,
			boolean chunked) {

	}

}
