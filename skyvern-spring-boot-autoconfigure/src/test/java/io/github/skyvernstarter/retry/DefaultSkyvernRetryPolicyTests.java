package io.github.skyvernstarter.retry;

import java.time.Duration;

import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultSkyvernRetryPolicy}.
 */
class DefaultSkyvernRetryPolicyTests {

	@Test
	void retryAfterReplacesBackOffDelayUpToTheCap() {
		DefaultSkyvernRetryPolicy policy = DefaultSkyvernRetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(30)).build();
		Duration backOff = Duration.ofMillis(500);
		assertThat(policy.delay(rateLimited(Duration.ofSeconds(1)), backOff)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delay(rateLimited(Duration.ofMinutes(5)), backOff)).isEqualTo(Duration.ofSeconds(30));
		assertThat(policy.delay(rateLimited(null), backOff)).isEqualTo(backOff);
		assertThat(policy.delay(new SkyvernServerException(SkyvernOperation.GET_RUN, 503, null, "wr_1"), backOff))
			.isEqualTo(backOff);
	}

	private static SkyvernRateLimitException rateLimited(Duration retryAfter) {
		return new SkyvernRateLimitException(SkyvernOperation.GET_RUN, 429, null, "wr_1", retryAfter);
	}

}
