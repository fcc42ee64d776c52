package io.github.skyvernstarter.client;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient} used for Skyvern calls only, after Spring Boot's own
 * {@code WebClientCustomizer}s applied; for example to add a filter or a proxy-aware connector.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SkyvernWebClientCustomizer {

	/**
	 * Customize the builder of the Skyvern WebClient.
	 * @param builder the builder, already holding the base URL and {@code User-Agent}
	 */
	void customize(WebClient.Builder builder);

}
