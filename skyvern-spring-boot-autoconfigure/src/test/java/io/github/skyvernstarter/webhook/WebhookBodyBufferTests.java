package io.github.skyvernstarter.webhook;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests of {@link WebhookBodyBuffer} and {@link SkyvernWebhookBodyBudget}: memory is reserved as
 * bytes arrive and given back, within the budget and the body limit.
 */
class WebhookBodyBufferTests {

	private static final int KB = 1024;

	private static final int MB = 1024 * KB;

	private final SkyvernWebhookBodyBudget budget = new SkyvernWebhookBodyBudget(64 * MB);

	@Test
	void reservesMemoryAsBytesArriveNotForTheDeclaredLength() {
		WebhookBodyBuffer body = new WebhookBodyBuffer(this.budget, 16 * MB, 16 * MB);
		assertThat(body.append(buffer(1))).isTrue();
		assertThat(this.budget.getUsed()).isEqualTo(256);
		assertThat(body.append(buffer(300))).isTrue();
		assertThat(this.budget.getUsed()).isEqualTo(512);
		// A larger piece gets a segment of its size: exactly the bytes received are held.
		assertThat(body.append(buffer(40 * KB))).isTrue();
		assertThat(this.budget.getUsed()).isEqualTo(301 + 40 * KB);
		WebhookBodyBuffer undeclared = new WebhookBodyBuffer(this.budget, 16 * MB, -1);
		assertThat(undeclared.append(buffer(10))).isTrue();
		assertThat(this.budget.getUsed()).isEqualTo(301 + 40 * KB + 256);
	}

	@Test
	void growsSegmentsWithTheBodyUpTo64KB() {
		WebhookBodyBuffer body = new WebhookBodyBuffer(this.budget, 16 * MB, -1);
		for (int i = 0; i < 1024; i++) {
			assertThat(body.append(buffer(1024))).isTrue();
		}
		// 256, 256, 512, ... 64KB, then 64KB each: never more than the body plus one segment.
		assertThat(this.budget.getUsed()).isBetween((long) MB, (long) MB + 64 * KB);
	}

	@Test
	void handsOnABodyOfItsDeclaredLengthWithoutACopy() {
		WebhookBodyBuffer body = new WebhookBodyBuffer(this.budget, 16 * MB, 1000);
		byte[] bytes = bytes(1000);
		assertThat(body.append(DefaultDataBufferFactory.sharedInstance.wrap(bytes))).isTrue();
		assertThat(body.toByteArray()).isEqualTo(bytes);
		assertThat(this.budget.getUsed()).isEqualTo(1000);
		body.close();
		assertThat(this.budget.getUsed()).isZero();
	}

	@Test
	void copiesABodyOfSeveralSegmentsOnceAndGivesTheSegmentsBack() {
		WebhookBodyBuffer body = new WebhookBodyBuffer(this.budget, 16 * MB, -1);
		byte[] bytes = bytes(300 * KB + 7);
		for (int offset = 0; offset < bytes.length; offset += 5000) {
			byte[] chunk = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + 5000));
			assertThat(body.append(DefaultDataBufferFactory.sharedInstance.wrap(chunk))).isTrue();
		}
		assertThat(body.toByteArray()).isEqualTo(bytes);
		assertThat(this.budget.getUsed()).isEqualTo(bytes.length);
		body.close();
		assertThat(this.budget.getUsed()).isZero();
	}

	@Test
	void acceptsExactlyTheLimitAndRefusesOneBytePastIt() {
		WebhookBodyBuffer atLimit = new WebhookBodyBuffer(this.budget, 1000, -1);
		assertThat(atLimit.append(buffer(1000))).isTrue();
		assertThat(atLimit.toByteArray()).hasSize(1000);
		WebhookBodyBuffer pastLimit = new WebhookBodyBuffer(this.budget, 1000, -1);
		assertThat(pastLimit.append(buffer(1001))).isFalse();
		assertThat(pastLimit.isTooLarge()).isTrue();
	}

	@Test
	void refusesABodyWhenTheBudgetIsSpent() {
		SkyvernWebhookBodyBudget small = new SkyvernWebhookBodyBudget(3 * MB);
		WebhookBodyBuffer first = new WebhookBodyBuffer(small, MB, -1);
		WebhookBodyBuffer second = new WebhookBodyBuffer(small, MB, -1);
		assertThat(first.append(buffer(MB))).isTrue();
		assertThat(second.append(buffer(MB))).isTrue();
		WebhookBodyBuffer third = new WebhookBodyBuffer(small, MB, -1);
		assertThat(third.append(buffer(MB))).isFalse();
		assertThat(third.isTooLarge()).isFalse();
		assertThat(WebhookBodyBuffer.overloaded()).satisfies((answer) -> {
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.headers()).containsEntry("Retry-After", "2");
			assertThat(answer.outcome()).isEqualTo(SkyvernWebhookOutcome.OVERLOADED);
		});
	}

	@Test
	void keepsAQuarterOfTheBudgetForSmallBodies() {
		// 64MB: large bodies may hold 48MB together; bodies up to 1MB may use the last 16MB.
		WebhookBodyBuffer large = new WebhookBodyBuffer(this.budget, 64 * MB, 48 * MB);
		assertThat(large.append(buffer(48 * MB))).isTrue();
		assertThat(new WebhookBodyBuffer(this.budget, 64 * MB, 2 * MB).append(buffer(2 * MB))).isFalse();
		for (int i = 0; i < 16; i++) {
			assertThat(new WebhookBodyBuffer(this.budget, 64 * MB, 1000).append(buffer(1000))).isTrue();
		}
		assertThat(new WebhookBodyBuffer(this.budget, 64 * MB, MB).append(buffer(MB))).isTrue();
	}

	@Test
	void closingGivesEverythingBackAndRefusesMore() {
		WebhookBodyBuffer body = new WebhookBodyBuffer(this.budget, 16 * MB, -1);
		assertThat(body.append(buffer(200 * KB))).isTrue();
		body.close();
		assertThat(this.budget.getUsed()).isZero();
		assertThat(body.append(buffer(1))).isFalse();
		assertThat(body.toByteArray()).isNull();
		body.close();
		assertThat(this.budget.getUsed()).isZero();
	}

	@Test
	void readsAMalformedDeclaredLengthAsUnknown() {
		org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
		headers.add("Content-Length", "12abc");
		assertThat(WebhookBodyBuffer.declaredLength(headers)).isEqualTo(-1);
		headers.set("Content-Length", "-5");
		assertThat(WebhookBodyBuffer.declaredLength(headers)).isEqualTo(-1);
		headers.set("Content-Length", "42");
		assertThat(WebhookBodyBuffer.declaredLength(headers)).isEqualTo(42);
	}

	@Test
	void theSmallestBudgetHoldsThreeBodiesOfTheLargestSize() {
		assertThat(SkyvernWebhookBodyBudget.minimumFor(16 * MB)).isEqualTo(48 * MB);
		assertThat(SkyvernWebhookBodyBudget.minimumFor(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
		assertThatIllegalArgumentException().isThrownBy(() -> new SkyvernWebhookBodyBudget(0));
		// At the minimum, one body of the largest size is read and made one array without a refusal.
		SkyvernWebhookBodyBudget minimum = new SkyvernWebhookBodyBudget(SkyvernWebhookBodyBudget.minimumFor(MB));
		WebhookBodyBuffer body = new WebhookBodyBuffer(minimum, MB, -1);
		assertThat(body.append(buffer(MB))).isTrue();
		assertThat(body.toByteArray()).hasSize(MB);
	}

	private static DataBuffer buffer(int size) {
		return DefaultDataBufferFactory.sharedInstance.wrap(bytes(size));
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		for (int i = 0; i < size; i++) {
			bytes[i] = (byte) (i * 31);
		}
		return bytes;
	}

}
