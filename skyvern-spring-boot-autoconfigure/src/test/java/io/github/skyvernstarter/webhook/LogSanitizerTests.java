package io.github.skyvernstarter.webhook;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LogSanitizer}.
 */
class LogSanitizerTests {

	@Test
	void keepsOrdinaryText() {
		assertThat(LogSanitizer.safe("wr_1 completed: Grüße, 東京")).isEqualTo("wr_1 completed: Grüße, 東京");
	}

	@Test
	void escapesEveryCharacterThatCouldForgeOrHideALogLine() {
		assertThat(LogSanitizer.safe("a\r\nb\tc\u0000d\u001be\u0085f\u2028g\u2029h\u202ei\u007f"))
			.isEqualTo("a\\u000d\\u000ab\\u0009c\\u0000d\\u001be\\u0085f\\u2028g\\u2029h\\u202ei\\u007f");
	}

	@Test
	void cutsLongValuesAndSaysHowLongTheyWere() {
		String safe = LogSanitizer.safe("x".repeat(10_000));
		assertThat(safe).startsWith("x".repeat(LogSanitizer.MAX_LENGTH) + "...").endsWith("(10000 characters)");
	}

}
