package io.github.skyvernstarter.autoconfigure;

import java.time.Clock;

import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.store.InMemorySkyvernRunRegistry;
import io.github.skyvernstarter.store.PeriodicTask;
import io.github.skyvernstarter.store.RunRegistryUpdater;
import io.github.skyvernstarter.store.RunTagCustomizer;
import io.github.skyvernstarter.store.SkyvernRunReconciler;
import io.github.skyvernstarter.store.SkyvernRunRegistry;
import io.github.skyvernstarter.webhook.SkyvernWebhookReceiver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the run registry and the reconciler that publishes the run-finished events
 * whose webhook never arrived: on by default whenever webhooks are ({@code @EnableSkyvernWebhooks}),
 * off with {@code skyvern.reconciler.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { SkyvernAutoConfiguration.class, SkyvernWebhookAutoConfiguration.class,
		SkyvernStoreAutoConfiguration.class })
@EnableConfigurationProperties(SkyvernReconcilerProperties.class)
public final class SkyvernReconcilerAutoConfiguration {

	static final String ENABLED = "skyvern.reconciler.enabled";

	static final String TAG_KEY = "spring-app";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = ENABLED, matchIfMissing = true)
	@ConditionalOnBean({ SkyvernWebhookReceiver.class, SkyvernApiClient.class })
	static class ReconcilerConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SkyvernRunRegistry skyvernRunRegistry() {
			return new InMemorySkyvernRunRegistry(100_000);
		}

		@Bean
		RunRegistryUpdater skyvernRunRegistryUpdater(SkyvernRunRegistry registry) {
			return new RunRegistryUpdater(registry, Clock.systemUTC());
		}

		@Bean
		RunTagCustomizer skyvernRunTagCustomizer(SkyvernReconcilerProperties reconciler, Environment environment) {
			String tag = tag(reconciler, environment);
			return new RunTagCustomizer(tag.substring(0, tag.indexOf(':')), tag.substring(tag.indexOf(':') + 1));
		}

		@Bean
		SkyvernRunReconciler skyvernRunReconciler(SkyvernRunRegistry registry, SkyvernApiClient client,
				SkyvernWebhookReceiver receiver, SkyvernReconcilerProperties reconciler, Environment environment) {
			String tag = tag(reconciler, environment);
			return new SkyvernRunReconciler(registry, client, receiver::publishReconciled,
					new SkyvernRunReconciler.Settings(tag.substring(0, tag.indexOf(':')), tag.substring(tag.indexOf(':') + 1),
							reconciler.getInterval(), reconciler.getGrace(), reconciler.getGiveUpAfter(),
							reconciler.getMaxReadsPerPass()),
					Clock.systemUTC());
		}

		@Bean
		PeriodicTask skyvernRunReconcilerTask(SkyvernRunReconciler reconciler, SkyvernReconcilerProperties properties) {
			return new PeriodicTask("skyvern-reconciler", properties.getInterval(), reconciler);
		}

		/**
		 * Return the configured tag, or {@code spring-app:} and the application's name with the
		 * characters Skyvern cannot filter on replaced.
		 */
		private static String tag(SkyvernReconcilerProperties reconciler, Environment environment) {
			if (reconciler.getTag() != null) {
				return reconciler.getTag();
			}
			String name = environment.getProperty("spring.application.name", "application")
				.replaceAll("[,:\\s]", "-");
			String tag = TAG_KEY + ":" + (name.isEmpty() ? "application" : name);
			return SkyvernReconcilerProperties.isValidTag(tag) ? tag : TAG_KEY + ":application";
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(ENABLED)
	@ConditionalOnMissingBean(SkyvernWebhookReceiver.class)
	static class ReceiverMissingConfiguration {

		@Bean
		Object skyvernReconcilerReceiverMissing() {
			throw new SkyvernConfigurationException(ENABLED,
					"the reconciler is enabled but webhooks are not (no @EnableSkyvernWebhooks)",
					"Add @EnableSkyvernWebhooks to the application (the reconciler publishes the same "
							+ "SkyvernRunFinishedEvent, through the receiver, even when no webhook ever arrives), or "
							+ "remove " + ENABLED + ".");
		}

	}

}
