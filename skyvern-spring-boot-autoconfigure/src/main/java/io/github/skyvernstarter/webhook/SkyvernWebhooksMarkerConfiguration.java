package io.github.skyvernstarter.webhook;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the marker bean that {@link EnableSkyvernWebhooks} uses to switch on the webhook
 * auto-configuration.
 *
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class SkyvernWebhooksMarkerConfiguration {

	@Bean
	Marker skyvernWebhooksMarker() {
		return new Marker();
	}

	/**
	 * Present in the context when {@link EnableSkyvernWebhooks} is used.
	 */
	public static final class Marker {

		Marker() {
		}

	}

}
