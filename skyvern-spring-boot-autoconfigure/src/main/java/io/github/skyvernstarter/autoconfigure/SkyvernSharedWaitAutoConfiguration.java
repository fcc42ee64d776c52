package io.github.skyvernstarter.autoconfigure;

import java.time.Clock;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.store.RunFinishedSignaller;
import io.github.skyvernstarter.store.SharedRunCompletionSource;
import io.github.skyvernstarter.store.SkyvernRunFinishedSignals;
import io.github.skyvernstarter.webhook.SkyvernWebhookRunCompletionSource;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernWebhooksMarkerConfiguration;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Auto-configuration of waits that finish on any instance: with webhooks on and a shared store's
 * {@link SkyvernRunFinishedSignals}, each instance signals the runs whose event it publishes, and the
 * templates wait on a {@link SharedRunCompletionSource} over the receiver's own completion source.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SkyvernStoreAutoConfiguration.class, before = SkyvernWebhookAutoConfiguration.class)
@ConditionalOnBean({ SkyvernWebhooksMarkerConfiguration.Marker.class, SkyvernRunFinishedSignals.class })
@EnableConfigurationProperties(SkyvernWebhookProperties.class)
public final class SkyvernSharedWaitAutoConfiguration {

	// The receiver keeps its own completion source, fed by this instance's webhooks.
	@Bean
	@ConditionalOnMissingBean
	SkyvernWebhookRunCompletionSource skyvernWebhookRunCompletionSource(SkyvernWebhookProperties webhooks,
			ObjectProvider<SkyvernWebhookUrlCustomizer> webhookUrlCustomizer) {
		SkyvernWebhookUrlCustomizer customizer = webhookUrlCustomizer.getIfUnique();
		return new SkyvernWebhookRunCompletionSource(webhooks.getFallbackPollInterval(),
				(customizer != null) ? customizer.getWebhookUrl() : null, Clock.systemUTC());
	}

	@Bean
	RunFinishedSignaller skyvernRunFinishedSignaller(SkyvernRunFinishedSignals signals) {
		return new RunFinishedSignaller(signals);
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(SharedRunCompletionSource.class)
	SharedRunCompletionSource sharedRunCompletionSource(SkyvernWebhookRunCompletionSource local,
			SkyvernRunFinishedSignals signals, ObjectProvider<SkyvernApiClient> client) {
		return new SharedRunCompletionSource(local, signals, (runId) -> {
			SkyvernApiClient api = client.getIfAvailable();
			return (api != null) ? api.getRun(runId, RequestOptions.none()) : Mono.empty();
		});
	}

}
