package io.github.skyvernstarter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test's application against a {@link SkyvernStub}: starts the stub on a random loopback
 * port, points {@code skyvern.base-url} at it, sets a test {@code skyvern.api-key} when the
 * application has none, and makes the stub injectable ({@code @Autowired SkyvernStub skyvern}).
 * <p>
 * The stub is reset before each test method. Tests with the same configuration share one stub, as
 * they share one application context.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureSkyvernStub {

	/**
	 * Value for {@code skyvern.poll-interval} (and {@code skyvern.webhooks.fallback-poll-interval})
	 * while the stub is active, so that waiting for a run takes milliseconds; an empty string keeps the
	 * application's own values.
	 * @return the poll interval, for example {@code 10ms}
	 */
	String pollInterval() default "10ms";

	/**
	 * Delay between retries of a failed call while the stub is active ({@code skyvern.retry.initial-delay}
	 * and {@code skyvern.retry.max-delay}, without jitter), so that a stubbed 429 or 503 is retried as
	 * often as in production but without waiting; also the grace period before an ambiguous run start is
	 * looked up ({@code skyvern.run-starts.grace-period}). An empty string keeps the application's own
	 * values.
	 * @return the retry delay, for example {@code 1ms}
	 */
	String retryDelay() default "1ms";

}
