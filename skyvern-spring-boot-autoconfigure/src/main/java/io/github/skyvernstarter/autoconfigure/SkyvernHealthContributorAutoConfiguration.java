package io.github.skyvernstarter.autoconfigure;

import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.health.SkyvernHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link SkyvernHealthIndicator}, named {@code skyvern} in the health
 * endpoint.
 * <p>
 * Off unless {@code management.health.skyvern.enabled=true}, unlike Boot's own indicators: it calls a
 * third-party API, and an outage there should not turn the application's own health down without the
 * application asking for it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SkyvernAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(SkyvernApiClient.class)
@ConditionalOnBooleanProperty("management.health.skyvern.enabled")
@EnableConfigurationProperties(SkyvernHealthIndicatorProperties.class)
public final class SkyvernHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "skyvernHealthIndicator")
	SkyvernHealthIndicator skyvernHealthIndicator(SkyvernApiClient client,
			SkyvernHealthIndicatorProperties properties) {
		return new SkyvernHealthIndicator(client, properties.getTimeout(), properties.getCacheTimeToLive());
	}

}
