package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationEventPublisher;

import static io.github.skyvernstarter.webhook.SkyvernWebhookReceiverTests.runBody;
import static io.github.skyvernstarter.webhook.SkyvernWebhookReceiverTests.signed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of what {@link SkyvernWebhookReceiver} does with verified bodies that are odd: statuses
 * that are not final, run ids that are not Skyvern's, fields that cannot be read, and values meant
 * to forge log lines.
 */
@ExtendWith(OutputCaptureExtension.class)
class SkyvernWebhookReceiverBodyTests {

	private static final String KEY = "sk-receiver-secret-0815";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-08-22T18:35:12Z"));

	private final List<SkyvernRunFinishedEvent> events = new CopyOnWriteArrayList<>();

	private final ApplicationEventPublisher publisher = (event) -> this.events.add((SkyvernRunFinishedEvent) event);

	private final InMemorySkyvernWebhookIdempotencyStore store = new InMemorySkyvernWebhookIdempotencyStore(
			Duration.ofHours(24), 100, this.clock);

	private final SkyvernWebhookRunCompletionSource completions = new SkyvernWebhookRunCompletionSource(
			Duration.ofMinutes(3), this.clock);

	private final SkyvernWebhookReceiver receiver = SkyvernWebhookReceiver
		.builder(new SkyvernWebhookVerifier(List.of(KEY)), this.store, this.publisher)
		.completionSource(this.completions)
		.maxBodySize(16 * 1024 * 1024)
		.clock(this.clock)
		.build();

	@ParameterizedTest
	@ValueSource(strings = { "created", "queued", "running", "paused", "waiting_for_human", "Running " })
	void statusThatIsNotFinalIsAcknowledgedWithoutEventClaimOrFinishedWait(String status) {
		SkyvernWebhookResponse response = deliver(runBody("wr_1", status));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ignored");
		assertThat(response.outcome()).isEqualTo(SkyvernWebhookOutcome.IGNORED);
		assertThat(this.events).isEmpty();
		assertThat(this.store.size()).isZero();
		assertThat(this.completions.recentBytes()).isZero();
		// Skyvern does not retry a 2xx; and nothing was claimed, so the final delivery still publishes.
		assertThat(deliver(runBody("wr_1", status)).body()).isEqualTo("ignored");
		assertThat(deliver(runBody("wr_1", "completed")).body()).isEqualTo("ok");
		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.getRun().isFinal()).isTrue());
	}

	@Test
	void unknownStatusIsLoggedWithItsControlCharactersEscaped(CapturedOutput output) {
		byte[] body = runBody("wr_1", "done\\r\\nERROR Forged line\\u2028x");
		assertThat(deliver(body).body()).isEqualTo("ignored");
		assertThat(output).contains("unknown status 'done\\u000d\\u000aerror forged line\\u2028x'")
			.doesNotContain("\nerror forged line")
			.doesNotContain("\u2028");
	}

	@ParameterizedTest
	@ValueSource(strings = { "completed ", "COMPLETED", " Completed\\n" })
	void statusSpellingsOfOneDeliveryPublishOneEvent(String spelling) {
		assertThat(deliver(runBody("wr_1", "completed")).body()).isEqualTo("ok");
		SkyvernWebhookResponse repeat = deliver(runBody("wr_1", spelling));
		assertThat(repeat.status()).isEqualTo(200);
		assertThat(repeat.body()).isEqualTo("duplicate");
		assertThat(this.events).hasSize(1);
	}

	@Test
	void respelledStatusIsPublishedInItsCanonicalForm() {
		assertThat(deliver(runBody("wr_1", " Canceled ")).body()).isEqualTo("ok");
		assertThat(this.events).singleElement()
			.satisfies((event) -> assertThat(event.getRun().status().value()).isEqualTo("canceled"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "true", "12345", "1.5e3", "[\"wr_1\"]" })
	void runIdThatIsNotAJsonStringIsRejectedNotCoerced(String runId) {
		byte[] body = ("{\"run_id\":" + runId + ",\"status\":\"completed\"}").getBytes(StandardCharsets.UTF_8);
		SkyvernWebhookResponse response = deliver(body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("body is not a Skyvern run");
		assertThat(this.events).isEmpty();
	}

	@Test
	void runIdWithLineBreaksIsRejectedAndNeverLogged(CapturedOutput output) {
		SkyvernWebhookResponse response = deliver(runBody("wr_1\\r\\nERROR Forged", "completed"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(this.events).isEmpty();
		assertThat(output).contains("run_id is not 1 to 128 letters, digits, '_' or '-'").doesNotContain("Forged");
	}

	@Test
	void runIdsUpTo128CharactersArePublishedAndLongerOnesRejected() {
		String longest = "wr_" + "1".repeat(125);
		assertThat(deliver(runBody(longest, "completed")).status()).isEqualTo(200);
		assertThat(deliver(runBody(longest + "1", "completed")).status()).isEqualTo(400);
		assertThat(this.events).singleElement().satisfies((event) -> assertThat(event.getRun().runId()).isEqualTo(longest));
	}

	@Test
	void hugeRunIdsPutNothingInTheStoreOrTheRecentRuns() {
		// The attack that held 244 MB for 24 hours: 30 signed deliveries with 7 MB run ids.
		String huge = "wr_" + "7".repeat(7 * 1024 * 1024);
		for (int i = 0; i < 30; i++) {
			byte[] body = runBody(huge + i, "completed");
			assertThat(deliver(body).status()).isEqualTo(400);
		}
		assertThat(this.store.size()).isZero();
		assertThat(this.completions.recentBytes()).isZero();
		assertThat(this.events).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "step_count | \"step_count\":2147483648",
			"created_at | \"created_at\":\"yesterday\"", "downloaded_files | \"downloaded_files\":\"invoice.pdf\"",
			"finished_at | \"finished_at\":{\"at\":1}", "run_type | \"run_type\":[\"workflow_run\"]",
			"script_run | \"script_run\":\"code\"" })
	void publishesARunWithAnUnreadableFieldAsNullAndWarnsNamingIt(String field, String member, CapturedOutput output) {
		byte[] body = ("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":{\"total\":12}," + member + "}")
			.getBytes(StandardCharsets.UTF_8);
		SkyvernWebhookResponse response = deliver(body);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getUnreadableFields()).containsExactly(field);
			assertThat(event.getRun().output().get("total").asInt()).isEqualTo(12);
			assertThat(SkyvernJson.mapper().valueToTree(event.getRun()).has(field)).isFalse();
			assertThat(event.getBody()).isEqualTo(body);
		});
		assertThat(output).contains("Skyvern webhook for run wr_1 (completed) has fields that could not be read")
			.contains(field + " (")
			.doesNotContain("yesterday", "invoice.pdf");
	}

	@Test
	void publishesAnOutputNestedDeeperThanJacksonsDefault() {
		byte[] body = withOutput("[".repeat(1_500) + "]".repeat(1_500));
		assertThat(deliver(body).status()).isEqualTo(200);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getUnreadableFields()).isEmpty();
			assertThat(event.getRun().output().isArray()).isTrue();
		});
	}

	@Test
	void publishesAnOutputNestedBeyondTheLimitAsNull() {
		int depth = 3_000_000;
		byte[] body = withOutput("[".repeat(depth) + "]".repeat(depth));
		assertThat(deliver(body).status()).isEqualTo(200);
		assertThat(this.events).singleElement().satisfies((event) -> {
			assertThat(event.getUnreadableFields()).containsExactly("output");
			assertThat(event.getRun().output().isNull()).isTrue();
		});
	}

	@Test
	void publishesNumbersOverAThousandDigitsExactly() {
		String digits = "1234567890".repeat(200);
		assertThat(deliver(withOutput("{\"amount\":" + digits + "}")).status()).isEqualTo(200);
		assertThat(this.events).singleElement()
			.satisfies((event) -> assertThat(event.getRun().output().get("amount").bigIntegerValue()).hasToString(digits));
	}

	@Test
	void runWithUnreadableFieldsFinishesNoWaitWhichGetsTheRunFromTheApiInstead() {
		assertThat(deliver(("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"created_at\":\"soon\"}")
			.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
		assertThat(this.events).hasSize(1);
		StepVerifier.create(this.completions.awaitFinished("wr_1"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(20))
			.thenCancel()
			.verify();
	}

	@Test
	void runIdAndStatusAreReadWithoutTheRestAndTheRunIsReadOnceWhenFirstAskedFor(CapturedOutput output) {
		byte[] body = ("{\"run_id\":\"wr_7\",\"status\":\"Completed\",\"output\":{\"total\":12},"
				+ "\"created_at\":\"soon\"}").getBytes(StandardCharsets.UTF_8);
		assertThat(deliver(body).body()).isEqualTo("ok");
		SkyvernRunFinishedEvent event = this.events.get(0);
		assertThat(event.getRunId()).isEqualTo("wr_7");
		assertThat(event.getStatus().value()).isEqualTo("completed");
		assertThat(event.toString()).contains("runId=wr_7", "status=completed");
		// Nothing has read the body yet: the warning about its unreadable field comes with the first read.
		assertThat(output).doesNotContain("could not be read");
		SkyvernRun run = event.getRun();
		assertThat(run.output().get("total").asInt()).isEqualTo(12);
		assertThat(event.getRun()).isSameAs(run);
		assertThat(event.getUnreadableFields()).containsExactly("created_at");
		assertThat(output).containsOnlyOnce("Skyvern webhook for run wr_7 (completed) has fields that could not be read");
	}

	@Test
	void runIsReadOnceWhenListenersOnSeveralThreadsAskAtOnce() throws Exception {
		byte[] body = withOutput("{\"rows\":[" + "{\"a\":1},".repeat(20_000) + "{}]}");
		assertThat(deliver(body).body()).isEqualTo("ok");
		SkyvernRunFinishedEvent event = this.events.get(0);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<SkyvernRun>> runs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				runs.add(executor.submit(() -> {
					start.await();
					return event.getRun();
				}));
			}
			start.countDown();
			SkyvernRun first = runs.get(0).get(10, TimeUnit.SECONDS);
			for (Future<SkyvernRun> run : runs) {
				assertThat(run.get(10, TimeUnit.SECONDS)).isSameAs(first);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void recentRunsHoldTheBodyNotTheRunAListenerReadFromIt() {
		// A megabyte of small objects is a tree of about 30 MB: the recent runs count the body.
		byte[] body = withOutput("[" + "{},".repeat(350_000) + "{}]");
		assertThat(deliver(body).status()).isEqualTo(200);
		assertThat(this.events.get(0).getRun().output().size()).isEqualTo(350_001);
		assertThat(this.completions.recentBytes()).isBetween((long) body.length, 3L * body.length);
		// A wait that starts after the delivery reads its own run from the body.
		StepVerifier.create(this.completions.awaitFinished("wr_1"))
			.assertNext((run) -> assertThat(run.output().size()).isEqualTo(350_001))
			.verifyComplete();
	}

	private SkyvernWebhookResponse deliver(byte[] body) {
		return this.receiver.receive(signed(body, KEY), body);
	}

	private static byte[] withOutput(String output) {
		return ("{\"run_id\":\"wr_1\",\"status\":\"completed\",\"output\":" + output + "}").getBytes(StandardCharsets.UTF_8);
	}

}
