package io.github.skyvernstarter.autoconfigure;

import io.github.skyvernstarter.client.SkyvernInstrumentation;
import io.github.skyvernstarter.observation.DefaultSkyvernOperationObservationConvention;
import io.github.skyvernstarter.observation.MicrometerSkyvernMetrics;
import io.github.skyvernstarter.observation.ObservationSkyvernInstrumentation;
import io.github.skyvernstarter.observation.SkyvernMetrics;
import io.github.skyvernstarter.observation.SkyvernOperationObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for observations, metrics and logs of Skyvern operations. Observations go to the
 * application's {@link ObservationRegistry} when it has one; meters go to its {@code MeterRegistry}
 * when Micrometer's core is present. Logs are written either way.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "skyvern.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SkyvernProperties.class)
public final class SkyvernObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(SkyvernInstrumentation.class)
	ObservationSkyvernInstrumentation skyvernInstrumentation(ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<SkyvernOperationObservationConvention> convention, ObjectProvider<SkyvernMetrics> metrics,
			SkyvernProperties properties) {
		boolean workflowIdTag = properties.getObservations().isWorkflowIdTag();
		return new ObservationSkyvernInstrumentation(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP),
				new DefaultSkyvernOperationObservationConvention(workflowIdTag), convention.getIfAvailable(),
				metrics.getIfAvailable(SkyvernMetrics::none));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MeterRegistryConfiguration {

		// Also a SkyvernRetryListener: SkyvernAutoConfiguration hands it to the retry policy.
		@Bean
		@ConditionalOnMissingBean(SkyvernMetrics.class)
		MicrometerSkyvernMetrics skyvernMetrics(MeterRegistry meterRegistry, SkyvernProperties properties) {
			return new MicrometerSkyvernMetrics(meterRegistry, properties.getObservations().isWorkflowIdTag());
		}

	}

}
