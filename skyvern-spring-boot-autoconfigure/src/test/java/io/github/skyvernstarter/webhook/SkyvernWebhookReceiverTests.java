package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernWebhookReceiver}, the web-stack-independent part of the receiver.
 */
class SkyvernWebhookReceiverTests {

	private static final String KEY = "sk-receiver-secret-0815";

	private static final long MAX_BODY = 4096;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-08-22T18:35:12Z"));

	private final List<SkyvernRunFinishedEvent> events = new CopyOnWriteArrayList<>();

	private volatile Consumer<SkyvernRunFinishedEvent> listener = (event) -> {
	};

	private final ApplicationEventPublisher publisher = (event) -> {
		SkyvernRunFinishedEvent runFinished = (SkyvernRunFinishedEvent) event;
		this.listener.accept(runFinished);
		this.events.add(runFinished);
	};

	private final InMemorySkyvernWebhookIdempotencyStore store = new InMemorySkyvernWebhookIdempotencyStore(
			Duration.ofHours(24), 100, this.clock);

	private final SkyvernWebhookRunCompletionSource completions = new SkyvernWebhookRunCompletionSource(
			Duration.ofMinutes(3), this.clock);

	private final SkyvernWebhookReceiver receiver = receiver(true, this.store);

	private SkyvernWebhookReceiver receiver(boolean verify, SkyvernWebhookIdempotencyStore store) {
		return SkyvernWebhookReceiver.builder(new SkyvernWebhookVerifier(List.of(KEY)), store, this.publisher)
			.verifySignatures(verify)
			.completionSource(this.completions)
			.maxBodySize(MAX_BODY)
			.clock(this.clock)
			.build();
	}

	static byte[] runBody(String runId, String status) {
		return ("{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"output\":{\"secret_output\":42}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static HttpHeaders signed(byte[] body, String key) {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Content-Type", "application/json");
		headers.set("x-skyvern-signature", SkyvernWebhookVerifier.sign(body, key));
		headers.set("x-skyvern-timestamp", "1787423712");
		return headers;
	}

	@Test
	void answers413ForBodyOverTheLimit() {
		byte[] body = new byte[(int) MAX_BODY + 1];
		assertThat(this.receiver.receive(signed(body, KEY), body).status()).isEqualTo(413);
		assertThat(this.events).isEmpty();
	}

	@Test
	void publishesVerifiedRunAndAnswers200() {
		byte[] body = runBody("wr_1", "completed");
		HttpHeaders headers = signed(body, KEY);
		SkyvernWebhookResponse response = this.receiver.receive(headers, body);
		assertThat(response.status()).isEqualTo(200);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getRun().runId()).isEqualTo("wr_1");
			assertThat(event.getRun().output().get("secret_output").asInt()).isEqualTo(42);
			assertThat(event.getBody()).isEqualTo(body);
			assertThat(event.getBodyAsString()).isEqualTo(new String(body, StandardCharsets.UTF_8));
			assertThat(event.getHeaders().getFirst("x-skyvern-signature"))
				.isEqualTo(headers.getFirst("x-skyvern-signature"));
			assertThat(event.getReceivedAt()).isEqualTo(this.clock.instant());
			assertThat(event.getSkyvernTimestamp()).isEqualTo(Instant.ofEpochSecond(1787423712));
			assertThat(event.toString()).contains("wr_1").doesNotContain("secret_output");
		});
	}

	@Test
	void answers401WithoutSignatureAndPublishesNothing() {
		byte[] body = runBody("wr_1", "completed");
		HttpHeaders headers = signed(body, KEY);
		headers.remove("x-skyvern-signature");
		SkyvernWebhookResponse response = this.receiver.receive(headers, body);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("missing signature");
		assertThat(this.events).isEmpty();
	}

	@Test
	void answers401ForWrongSignatureWithoutEchoingKeyOrPayload() {
		byte[] body = runBody("wr_1", "completed");
		SkyvernWebhookResponse response = this.receiver.receive(signed(body, "sk-wrong"), body);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("invalid signature").doesNotContain(KEY).doesNotContain("secret_output");
		assertThat(this.events).isEmpty();
	}

	@Test
	void answers401WhenSeveralSignaturesAreSent() {
		byte[] body = runBody("wr_1", "completed");
		HttpHeaders headers = signed(body, KEY);
		headers.add("x-skyvern-signature", "0".repeat(64));
		assertThat(this.receiver.receive(headers, body).status()).isEqualTo(401);
		assertThat(this.events).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not json", "{\"run_id\":\"wr_1\",\"status\":\"compl", "[]", "null", "42",
			"\"wr_1\"", "{}", "{\"status\":\"completed\"}", "{\"run_id\":\"wr_1\"}",
			"{\"run_id\":\"wr_1\",\"status\":null}", "{\"run_id\":\"\",\"status\":\"completed\"}",
			"{\"run_id\":{\"x\":1},\"status\":\"completed\"}" })
	void answers400ForSignedBodyThatIsNotARun(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		SkyvernWebhookResponse response = this.receiver.receive(signed(body, KEY), body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("body is not a Skyvern run");
		assertThat(this.events).isEmpty();
	}

	@Test
	void takesRunIdFromWorkflowRunIdOfOlderWorkflowWebhooks() {
		byte[] body = "{\"workflow_run_id\":\"wr_legacy\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(this.receiver.receive(signed(body, KEY), body).status()).isEqualTo(200);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getRun().runId()).isEqualTo("wr_legacy");
			assertThat(event.getBody()).isEqualTo(body);
		});
	}

	@Test
	void duplicateIsAnswered200WithoutASecondEvent() {
		byte[] body = runBody("wr_1", "completed");
		assertThat(this.receiver.receive(signed(body, KEY), body).body()).isEqualTo("ok");
		SkyvernWebhookResponse repeat = this.receiver.receive(signed(body, KEY), body);
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.body()).isEqualTo("duplicate");
		assertThat(this.events).hasSize(1);
	}

	@Test
	void sameRunWithANewStatusIsANewEvent() {
		byte[] completed = runBody("wr_1", "completed");
		byte[] canceled = runBody("wr_1", "canceled");
		this.receiver.receive(signed(completed, KEY), completed);
		this.receiver.receive(signed(canceled, KEY), canceled);
		assertThat(this.events).extracting((event) -> event.getRun().status().value())
			.containsExactly("completed", "canceled");
	}

	@Test
	void listenerFailureAnswers500AndTheRedeliveryPublishesOnce() {
		AtomicInteger calls = new AtomicInteger();
		this.listener = (event) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("database down");
			}
		};
		byte[] body = runBody("wr_1", "completed");
		SkyvernWebhookResponse failed = this.receiver.receive(signed(body, KEY), body);
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.body()).isEqualTo("listener failed").doesNotContain("database");
		assertThat(this.events).isEmpty();
		assertThat(this.receiver.receive(signed(body, KEY), body).status()).isEqualTo(200);
		assertThat(this.receiver.receive(signed(body, KEY), body).body()).isEqualTo("duplicate");
		assertThat(this.events).hasSize(1);
		assertThat(calls).hasValue(2);
	}

	@Test
	void duplicateWhileTheFirstIsProcessingIsAnswered425AndNotPublished() throws Exception {
		CountDownLatch listening = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.listener = (event) -> {
			listening.countDown();
			await(release);
		};
		byte[] body = runBody("wr_1", "completed");
		CompletableFuture<SkyvernWebhookResponse> first = CompletableFuture
			.supplyAsync(() -> this.receiver.receive(signed(body, KEY), body));
		assertThat(listening.await(5, TimeUnit.SECONDS)).isTrue();
		SkyvernWebhookResponse duplicate = this.receiver.receive(signed(body, KEY), body);
		assertThat(duplicate.status()).isEqualTo(425);
		assertThat(duplicate.outcome()).isEqualTo(SkyvernWebhookOutcome.IN_PROGRESS);
		assertThat(duplicate.headers()).containsEntry("Retry-After", "2");
		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
		assertThat(this.events).hasSize(1);
	}

	@Test
	void duplicateWhileTheFirstIsProcessingIsProcessedOnRetryIfTheFirstFailed() throws Exception {
		CountDownLatch listening = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger calls = new AtomicInteger();
		this.listener = (event) -> {
			if (calls.incrementAndGet() == 1) {
				listening.countDown();
				await(release);
				throw new IllegalStateException("failed after a while");
			}
		};
		byte[] body = runBody("wr_1", "completed");
		CompletableFuture<SkyvernWebhookResponse> first = CompletableFuture
			.supplyAsync(() -> this.receiver.receive(signed(body, KEY), body));
		assertThat(listening.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.receiver.receive(signed(body, KEY), body).status()).isEqualTo(425);
		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS).status()).isEqualTo(500);
		// Skyvern retries the 425: that retry is now processed.
		assertThat(this.receiver.receive(signed(body, KEY), body).status()).isEqualTo(200);
		assertThat(this.events).hasSize(1);
	}

	@Test
	void failingIdempotencyStoreAnswers503SoSkyvernRetries() {
		SkyvernWebhookIdempotencyStore broken = new SkyvernWebhookIdempotencyStore() {

			@Override
			public Claim claim(DeliveryKey key) {
				throw new IllegalStateException("redis down");
			}

			@Override
			public void markProcessed(DeliveryKey key) {
			}

			@Override
			public void release(DeliveryKey key) {
			}

		};
		byte[] body = runBody("wr_1", "completed");
		SkyvernWebhookResponse response = receiver(true, broken).receive(signed(body, KEY), body);
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.outcome()).isEqualTo(SkyvernWebhookOutcome.STORE_ERROR);
		assertThat(this.events).isEmpty();
	}

	@Test
	void withVerificationOffAcceptsUnsignedRuns() {
		byte[] body = runBody("wr_1", "completed");
		HttpHeaders headers = new HttpHeaders();
		headers.set("Content-Type", "application/json");
		assertThat(receiver(false, this.store).receive(headers, body).status()).isEqualTo(200);
		assertThat(this.events).hasSize(1);
	}

	@Test
	void verifiedFinalRunFinishesWaitsEvenWhenAListenerFails() {
		this.listener = (event) -> {
			throw new IllegalStateException("listener bug");
		};
		byte[] body = runBody("wr_9", "completed");
		assertThat(this.receiver.receive(signed(body, KEY), body).status()).isEqualTo(500);
		StepVerifier.create(this.completions.awaitFinished("wr_9")).expectNextCount(1).verifyComplete();
	}

	@Test
	void rejectedDeliveryFinishesNoWait() {
		byte[] body = runBody("wr_10", "completed");
		assertThat(this.receiver.receive(signed(body, "sk-forger"), body).status()).isEqualTo(401);
		StepVerifier.create(this.completions.awaitFinished("wr_10"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(20))
			.thenCancel()
			.verify();
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
