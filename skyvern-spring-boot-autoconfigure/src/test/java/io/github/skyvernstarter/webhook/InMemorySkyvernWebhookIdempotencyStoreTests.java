package io.github.skyvernstarter.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.Claim;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemorySkyvernWebhookIdempotencyStore}.
 */
class InMemorySkyvernWebhookIdempotencyStoreTests {

	private static final DeliveryKey COMPLETED = new DeliveryKey("wr_1", "completed");

	private final MutableClock clock = new MutableClock(Instant.parse("2026-08-22T18:35:12Z"));

	private final InMemorySkyvernWebhookIdempotencyStore store = new InMemorySkyvernWebhookIdempotencyStore(
			Duration.ofHours(1), 3, this.clock);

	@Test
	void firstDeliveryIsClaimedAndRepeatWhileProcessingIsInProgress() {
		assertThat(this.store.claim(COMPLETED)).isEqualTo(Claim.CLAIMED);
		assertThat(this.store.claim(COMPLETED)).isEqualTo(Claim.IN_PROGRESS);
	}

	@Test
	void refusesKeysLongerThanASkyvernRunIdSoEveryEntryIsSmall() {
		DeliveryKey huge = new DeliveryKey("wr_" + "x".repeat(7 * 1024 * 1024), "completed");
		assertThatIllegalArgumentException().isThrownBy(() -> this.store.claim(huge));
		DeliveryKey longest = new DeliveryKey("w".repeat(InMemorySkyvernWebhookIdempotencyStore.MAX_KEY_LENGTH - 9),
				"completed");
		assertThat(this.store.claim(longest)).isEqualTo(Claim.CLAIMED);
		this.store.markProcessed(longest);
		assertThat(this.store.size()).isEqualTo(1);
	}

	@Test
	void processedDeliveryIsAlreadyProcessedWithinTheWindow() {
		this.store.claim(COMPLETED);
		this.store.markProcessed(COMPLETED);
		this.clock.advance(Duration.ofMinutes(59));
		assertThat(this.store.claim(COMPLETED)).isEqualTo(Claim.ALREADY_PROCESSED);
	}

	@Test
	void processedDeliveryIsForgottenAfterTheWindow() {
		this.store.claim(COMPLETED);
		this.store.markProcessed(COMPLETED);
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.store.size()).isZero();
		assertThat(this.store.claim(COMPLETED)).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void releasedDeliveryCanBeClaimedAgain() {
		this.store.claim(COMPLETED);
		this.store.release(COMPLETED);
		assertThat(this.store.claim(COMPLETED)).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void sameRunWithAnotherStatusIsAnotherDelivery() {
		this.store.claim(COMPLETED);
		this.store.markProcessed(COMPLETED);
		assertThat(this.store.claim(new DeliveryKey("wr_1", "canceled"))).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void remembersAtMostMaxEntriesForgettingTheOldestFirst() {
		for (int i = 1; i <= 5; i++) {
			DeliveryKey key = new DeliveryKey("wr_" + i, "completed");
			this.store.claim(key);
			this.store.markProcessed(key);
			this.clock.advance(Duration.ofSeconds(1));
		}
		assertThat(this.store.size()).isEqualTo(3);
		assertThat(this.store.claim(new DeliveryKey("wr_5", "completed"))).isEqualTo(Claim.ALREADY_PROCESSED);
		assertThat(this.store.claim(new DeliveryKey("wr_3", "completed"))).isEqualTo(Claim.ALREADY_PROCESSED);
		assertThat(this.store.claim(new DeliveryKey("wr_2", "completed"))).isEqualTo(Claim.CLAIMED);
	}

	@Test
	void memoryStaysBoundedUnderManyDistinctDeliveries() {
		InMemorySkyvernWebhookIdempotencyStore bounded = new InMemorySkyvernWebhookIdempotencyStore(Duration.ofDays(1),
				1000, this.clock);
		for (int i = 0; i < 100_000; i++) {
			DeliveryKey key = new DeliveryKey("wr_" + i, "completed");
			bounded.claim(key);
			bounded.markProcessed(key);
		}
		assertThat(bounded.size()).isEqualTo(1000);
	}

	@Test
	void concurrentClaimsOfOneDeliveryHaveExactlyOneWinner() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(16);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Claim>> claims = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				Callable<Claim> claim = () -> {
					start.await();
					return this.store.claim(COMPLETED);
				};
				claims.add(executor.submit(claim));
			}
			start.countDown();
			List<Claim> results = new ArrayList<>();
			for (Future<Claim> claim : claims) {
				results.add(claim.get());
			}
			assertThat(results).containsOnlyOnce(Claim.CLAIMED);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void rejectsInvalidSettings() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InMemorySkyvernWebhookIdempotencyStore(Duration.ZERO, 10));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InMemorySkyvernWebhookIdempotencyStore(Duration.ofHours(1), 0));
	}

}
