package io.github.skyvernstarter.webhook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Turns on the Skyvern webhook receiver at {@code skyvern.webhooks.path}: verified run-finished
 * deliveries are published as {@link SkyvernRunFinishedEvent}s, and waits finish as soon as their
 * run's webhook arrives.
 * <p>
 * Put it on a {@code @Configuration} or {@code @SpringBootApplication} class. The receiver's beans
 * come from an auto-configuration that this annotation switches on, so beans an application
 * declares itself, such as a shared {@link SkyvernWebhookIdempotencyStore}, replace the defaults
 * wherever they are declared.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SkyvernWebhooksMarkerConfiguration.class)
public @interface EnableSkyvernWebhooks {

}
