package io.github.skyvernstarter.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import io.github.skyvernstarter.webhook.RawHttpConnection.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests of how the receiver reads bodies on a real server: unsigned bodies are refused unread, the
 * bodies of all deliveries together stay within the budget, slow senders hold no thread, and a body
 * that does not arrive in time is answered 408. Subclasses choose the web stack (the servlet one runs
 * on a Tomcat with 4 threads) and put, ahead of the auto-configured handler, the same handler with
 * its deadlines on virtual time.
 */
@TestPropertySource(properties = { "skyvern.api-key=" + AbstractSkyvernWebhookReceiverTests.API_KEY,
		"skyvern.webhooks.max-body-size=64KB", "skyvern.webhooks.max-in-flight-body-size=256KB" })
abstract class AbstractSkyvernWebhookBodyLimitsTests {

	static final String PATH = "/skyvern/webhooks";

	static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_BODY = 64 * 1024;

	@LocalServerPort
	int port;

	@Autowired
	RunFinishedRecorder recorder;

	@Autowired
	SkyvernWebhookBodyBudget budget;

	@Autowired
	CountingVirtualTimeScheduler timer;

	@Autowired
	MeterRegistry meters;

	private final List<RawHttpConnection> connections = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.recorder.reset();
	}

	@AfterEach
	void closeConnections() {
		this.connections.forEach(RawHttpConnection::close);
		// Whatever ended a request, its memory went back and its deadline was cancelled.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.budget.getUsed() == 0 && this.timer.pending() == 0);
	}

	@Test
	void refusesADeliveryWithoutSignatureBeforeItsBodyArrives() {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Content-Length", Integer.toString(MAX_BODY));
		RawHttpConnection unsigned = open(PATH, headers);
		assertThat(unsigned.readAnswer(5000).status()).isEqualTo(401);
		assertThat(this.budget.getUsed()).isZero();
	}

	@Test
	void answers503WhenTheBodiesInFlightFillTheBudgetAndKeepsRoomForSmallDeliveries() {
		long overloadedBefore = deliveries("overloaded");
		// Each sends all but a byte of 64KB and stalls: three fill the 192KB that large bodies may use of
		// the 256KB budget.
		for (int i = 0; i < 3; i++) {
			RawHttpConnection attacker = open(PATH, wronglySigned(MAX_BODY));
			attacker.send(new byte[MAX_BODY - 1]);
			long held = (MAX_BODY - 1L) * (i + 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.budget.getUsed() >= held);
		}
		RawHttpConnection fourth = open(PATH, wronglySigned(MAX_BODY));
		fourth.send(new byte[10_000]);
		Answer refused = fourth.readAnswer(10_000);
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.headers()).containsEntry("retry-after", "2");
		byte[] large = AbstractSkyvernWebhookReceiverTests.paddedRun("wr_large_in_attack", 10_000);
		assertThat(client().post(large, AbstractSkyvernWebhookReceiverTests.signed(large)).statusCode()).isEqualTo(503);
		byte[] small = AbstractSkyvernWebhookReceiverTests.runBody("wr_small_in_attack", "completed");
		assertThat(client().post(small, AbstractSkyvernWebhookReceiverTests.signed(small)).statusCode()).isEqualTo(200);
		this.connections.forEach(RawHttpConnection::close);
		// Senders that go away give their memory back; the large delivery is then processed.
		await().atMost(Duration.ofSeconds(20)).until(() -> this.budget.getUsed() == 0);
		assertThat(client().post(large, AbstractSkyvernWebhookReceiverTests.signed(large)).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events()).extracting((event) -> event.getRun().runId())
			.containsExactly("wr_small_in_attack", "wr_large_in_attack");
		await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("overloaded") == overloadedBefore + 2);
	}

	@Test
	void slowSendersHoldNoThreadSoAValidDeliveryIsAnsweredAtOnce() {
		// Twice as many slow senders as the servlet container has threads, each of the kinds an
		// attacker has: a body to read, a body refused unread (no signature, wrong method).
		for (int i = 0; i < 8; i++) {
			open(PATH, wronglySigned(1000)).send("{\"run_id\":".getBytes(StandardCharsets.UTF_8));
			Map<String, String> unsigned = new LinkedHashMap<>(wronglySigned(1000));
			unsigned.remove("x-skyvern-signature");
			open(PATH, unsigned).send("{".getBytes(StandardCharsets.UTF_8));
			RawHttpConnection put = new RawHttpConnection(this.port, "PUT", PATH, wronglySigned(1000));
			this.connections.add(put);
			put.send("{".getBytes(StandardCharsets.UTF_8));
		}
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_among_slow_senders", "completed");
		HttpResponse<String> response = client().post(body, AbstractSkyvernWebhookReceiverTests.signed(body));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.recorder.events("wr_among_slow_senders")).hasSize(1);
	}

	@Test
	void answers408WhenTheBodyDoesNotArriveBeforeTheDeadlineAndReleasesItsMemory() {
		int delaysBefore = this.timer.delays();
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_too_slow", "completed");
		Map<String, String> headers = AbstractSkyvernWebhookReceiverTests.signed(body);
		headers.put("Content-Length", Integer.toString(body.length));
		RawHttpConnection slow = open(PATH, headers);
		slow.send(Arrays.copyOf(body, body.length / 2));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.timer.delays() > delaysBefore && this.budget.getUsed() > 0);
		long timeoutsBefore = deliveries("timeout");
		this.timer.advanceTimeBy(BODY_READ_TIMEOUT);
		assertThat(slow.readAnswer(10_000).status()).isEqualTo(408);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.budget.getUsed() == 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("timeout") == timeoutsBefore + 1);
		assertThat(this.recorder.events()).isEmpty();
	}

	@Test
	void aBodyThatArrivesBeforeTheDeadlineIsProcessedAndItsDeadlineCancelled() {
		int delaysBefore = this.timer.delays();
		long timeoutsBefore = deliveries("timeout");
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_in_time", "completed");
		Map<String, String> headers = AbstractSkyvernWebhookReceiverTests.signed(body);
		headers.put("Content-Length", Integer.toString(body.length));
		RawHttpConnection sender = open(PATH, headers);
		sender.send(Arrays.copyOf(body, body.length / 2));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.timer.delays() > delaysBefore);
		this.timer.advanceTimeBy(BODY_READ_TIMEOUT.minusMillis(1));
		sender.send(Arrays.copyOfRange(body, body.length / 2, body.length));
		assertThat(sender.readAnswer(10_000).status()).isEqualTo(200);
		this.timer.advanceTimeBy(BODY_READ_TIMEOUT);
		assertThat(this.recorder.events("wr_in_time")).hasSize(1);
		assertThat(deliveries("timeout")).isEqualTo(timeoutsBefore);
	}

	private RawHttpConnection open(String path, Map<String, String> headers) {
		RawHttpConnection connection = new RawHttpConnection(this.port, "POST", path, headers);
		this.connections.add(connection);
		return connection;
	}

	private static Map<String, String> wronglySigned(int contentLength) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", "application/json");
		headers.put("Content-Length", Integer.toString(contentLength));
		headers.put("x-skyvern-signature", "ab".repeat(32));
		return headers;
	}

	private WebhookClient client() {
		return new WebhookClient(this.port, PATH);
	}

	private long deliveries(String outcome) {
		return this.meters.find("skyvern.webhook.deliveries")
			.tag("outcome", outcome)
			.timers()
			.stream()
			.mapToLong((timer) -> timer.count())
			.sum();
	}

}
