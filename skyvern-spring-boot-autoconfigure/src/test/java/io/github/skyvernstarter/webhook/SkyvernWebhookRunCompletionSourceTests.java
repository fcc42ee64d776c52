package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernWebhookRunCompletionSource}.
 */
class SkyvernWebhookRunCompletionSourceTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-08-22T18:35:12Z"));

	private final SkyvernWebhookRunCompletionSource source = new SkyvernWebhookRunCompletionSource(
			Duration.ofMinutes(3), this.clock);

	static SkyvernRun run(String runId, String status) {
		return SkyvernJson.mapper()
			.readValue(("{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8),
					SkyvernRun.class);
	}

	@Test
	void waitFinishesWhenTheRunsWebhookArrives() {
		StepVerifier.create(this.source.awaitFinished("wr_1"))
			.expectSubscription()
			.then(() -> this.source.runFinished(run("wr_other", "completed"), 10))
			.expectNoEvent(Duration.ofMillis(20))
			.then(() -> this.source.runFinished(run("wr_1", "completed"), 10))
			.assertNext((run) -> assertThat(run.runId()).isEqualTo("wr_1"))
			.verifyComplete();
		assertThat(this.source.waiting()).isZero();
	}

	@Test
	void waitStartedAfterTheWebhookFinishesAtOnce() {
		this.source.runFinished(run("wr_2", "failed"), 10);
		StepVerifier.create(this.source.awaitFinished("wr_2"))
			.assertNext((run) -> assertThat(run.status().value()).isEqualTo("failed"))
			.verifyComplete();
	}

	@Test
	void everyWaitForTheSameRunFinishes() {
		StepVerifier.create(this.source.awaitFinished("wr_3").zipWith(this.source.awaitFinished("wr_3")))
			.expectSubscription()
			.then(() -> this.source.runFinished(run("wr_3", "completed"), 10))
			.expectNextCount(1)
			.verifyComplete();
	}

	@Test
	void statusThatIsNotFinalFinishesNoWait() {
		this.source.runFinished(run("wr_4", "paused"), 10);
		StepVerifier.create(this.source.awaitFinished("wr_4"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(50))
			.thenCancel()
			.verify();
	}

	@Test
	void cancelledWaitIsForgotten() {
		Disposable wait = this.source.awaitFinished("wr_5").subscribe();
		assertThat(this.source.waiting()).isEqualTo(1);
		wait.dispose();
		assertThat(this.source.waiting()).isZero();
	}

	@Test
	void recentRunsExpire() {
		this.source.runFinished(run("wr_6", "completed"), 10);
		this.clock.advance(SkyvernWebhookRunCompletionSource.RECENT_RUN_TTL);
		StepVerifier.create(this.source.awaitFinished("wr_6"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(20))
			.thenCancel()
			.verify();
	}

	@Test
	void recentRunsAreBoundedByCount() {
		for (int i = 0; i <= SkyvernWebhookRunCompletionSource.MAX_RECENT_RUNS; i++) {
			this.source.runFinished(run("wr_c" + i, "completed"), 10);
		}
		StepVerifier.create(this.source.awaitFinished("wr_c0"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(20))
			.thenCancel()
			.verify();
		StepVerifier.create(this.source.awaitFinished("wr_c1")).expectNextCount(1).verifyComplete();
	}

	@Test
	void recentRunsAreBoundedByBodySize() {
		long third = SkyvernWebhookRunCompletionSource.MAX_RECENT_BYTES / 3;
		for (int i = 0; i < 4; i++) {
			this.source.runFinished(run("wr_b" + i, "completed"), third);
		}
		StepVerifier.create(this.source.awaitFinished("wr_b0"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(20))
			.thenCancel()
			.verify();
		StepVerifier.create(this.source.awaitFinished("wr_b3")).expectNextCount(1).verifyComplete();
	}

	@Test
	void recentRunsAreBoundedByTheHeapTheirTreesHoldNotOnlyByBodySize() {
		// A megabyte of small objects is a tree of about 30 MB: two of them must not stay.
		String output = "[" + "{},".repeat(350_000) + "{}]";
		byte[] body = ("{\"run_id\":\"wr_t0\",\"status\":\"completed\",\"output\":" + output + "}")
			.getBytes(StandardCharsets.UTF_8);
		SkyvernRun run = SkyvernJson.mapper().readValue(body, SkyvernRun.class);
		this.source.runFinished(run, body.length);
		assertThat(this.source.recentBytes()).isGreaterThan(30L * body.length);
		for (int i = 1; i < 3; i++) {
			this.source.runFinished(SkyvernJson.mapper()
				.readValue(new String(body, StandardCharsets.UTF_8).replace("wr_t0", "wr_t" + i), SkyvernRun.class),
					body.length);
		}
		assertThat(this.source.recentBytes()).isLessThanOrEqualTo(SkyvernWebhookRunCompletionSource.MAX_RECENT_BYTES);
		StepVerifier.create(this.source.awaitFinished("wr_t0"))
			.expectSubscription()
			.expectNoEvent(Duration.ofMillis(20))
			.thenCancel()
			.verify();
		StepVerifier.create(this.source.awaitFinished("wr_t2")).expectNextCount(1).verifyComplete();
	}

	@Test
	void reportsTheFallbackPollInterval() {
		assertThat(this.source.fallbackPollInterval()).isEqualTo(Duration.ofMinutes(3));
	}

	@Test
	void slowsPollingOnlyForRunsWhoseWebhookUrlIsThisReceiver() {
		SkyvernWebhookRunCompletionSource withReceiver = new SkyvernWebhookRunCompletionSource(Duration.ofMinutes(3),
				"https://app.example.com/ctx/skyvern/webhooks", this.clock);
		for (String same : new String[] { "https://app.example.com/ctx/skyvern/webhooks",
				"HTTPS://App.Example.COM:443/ctx/skyvern/webhooks/", "https://app.example.com/ctx/skyvern/webhooks?t=1" }) {
			assertThat(withReceiver.fallbackPollInterval(same)).as(same).isEqualTo(Duration.ofMinutes(3));
		}
		for (String other : new String[] { "https://other.example.com/ctx/skyvern/webhooks",
				"http://app.example.com/ctx/skyvern/webhooks", "https://app.example.com:8443/ctx/skyvern/webhooks",
				"https://app.example.com/skyvern/webhooks", "not a url", "" }) {
			assertThat(withReceiver.fallbackPollInterval(other)).as(other).isNull();
		}
		assertThat(withReceiver.fallbackPollInterval(null)).isNull();
		// Without a receiver URL, Skyvern is told of no webhook here: no run is slowed down.
		assertThat(this.source.fallbackPollInterval("https://app.example.com/ctx/skyvern/webhooks")).isNull();
	}

}
