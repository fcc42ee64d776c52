package io.github.skyvernstarter.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.InMemorySkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.ReactiveSkyvernWebhookHandler;
import io.github.skyvernstarter.webhook.ServletSkyvernWebhookHandler;
import io.github.skyvernstarter.webhook.SkyvernWebhookBodyBudget;
import io.github.skyvernstarter.webhook.SkyvernWebhookDeliveryListener;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookReceiver;
import io.github.skyvernstarter.webhook.SkyvernWebhookRunCompletionSource;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier;
import io.github.skyvernstarter.webhook.SkyvernWebhooksMarkerConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Auto-configuration of the Skyvern webhook receiver, switched on by {@link EnableSkyvernWebhooks}.
 * <p>
 * Being an auto-configuration (rather than a configuration the annotation imports directly) makes
 * {@code @ConditionalOnMissingBean} reliable: an application's own beans, such as a shared
 * {@link SkyvernWebhookIdempotencyStore}, are registered before these conditions are evaluated.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBean(SkyvernWebhooksMarkerConfiguration.Marker.class)
@EnableConfigurationProperties({ SkyvernWebhookProperties.class, SkyvernProperties.class })
public final class SkyvernWebhookAutoConfiguration {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	SkyvernWebhookVerifier skyvernWebhookVerifier(SkyvernWebhookProperties webhooks, SkyvernProperties skyvern) {
		List<String> keys = new ArrayList<>();
		// A blank API key counts as unset: signing keys alone verify when the client is off.
		if (skyvern.getApiKey() != null && !skyvern.getApiKey().isBlank()) {
			keys.add(skyvern.requireApiKey());
		}
		for (int i = 0; i < webhooks.getSigningKeys().size(); i++) {
			keys.add(SkyvernKeys.requireSigningKey(i, webhooks.getSigningKeys().get(i)));
		}
		SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(keys, webhooks.getTimestampTolerance(),
				Clock.systemUTC());
		if (webhooks.isVerifySignatures() && !verifier.hasKeys()) {
			throw new SkyvernConfigurationException("skyvern.webhooks.signing-keys",
					"no key is set to verify Skyvern webhook signatures",
					"Set skyvern.api-key to the API key that starts the runs, or list the keys that sign the "
							+ "webhooks in skyvern.webhooks.signing-keys.");
		}
		return verifier;
	}

	@Bean
	@ConditionalOnMissingBean
	SkyvernWebhookIdempotencyStore skyvernWebhookIdempotencyStore(SkyvernWebhookProperties webhooks) {
		return new InMemorySkyvernWebhookIdempotencyStore(webhooks.getDuplicateWindow(),
				webhooks.getMaxTrackedDeliveries());
	}

	@Bean
	@ConditionalOnMissingBean(RunCompletionSource.class)
	SkyvernWebhookRunCompletionSource skyvernWebhookRunCompletionSource(SkyvernWebhookProperties webhooks,
			ObjectProvider<SkyvernWebhookUrlCustomizer> webhookUrlCustomizer) {
		// Only runs whose webhook_url is this receiver's wait for its webhook; without a public URL no
		// run carries it, and every wait polls at skyvern.poll-interval.
		SkyvernWebhookUrlCustomizer customizer = webhookUrlCustomizer.getIfUnique();
		return new SkyvernWebhookRunCompletionSource(webhooks.getFallbackPollInterval(),
				(customizer != null) ? customizer.getWebhookUrl() : null, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("skyvern.webhooks.public-url")
	SkyvernWebhookUrlCustomizer skyvernWebhookUrlCustomizer(SkyvernWebhookProperties webhooks,
			ApplicationContext context) {
		String path = requirePath(webhooks);
		String publicUrl = webhooks.getPublicUrl();
		if (publicUrl == null || publicUrl.isBlank()) {
			throw new SkyvernConfigurationException("skyvern.webhooks.public-url", "the public URL is blank",
					"Set skyvern.webhooks.public-url to the absolute http(s) URL at which Skyvern reaches this "
							+ "application, or remove it.");
		}
		try {
			return new SkyvernWebhookUrlCustomizer(
					SkyvernWebhookUrlCustomizer.webhookUrl(publicUrl, SkyvernWebhookPaths.basePath(context), path));
		}
		catch (IllegalArgumentException ex) {
			throw new SkyvernConfigurationException("skyvern.webhooks.public-url",
					"the public URL '" + publicUrl + "' is invalid: " + ex.getMessage(),
					"Set skyvern.webhooks.public-url to the absolute http(s) URL at which Skyvern reaches this "
							+ "application, for example https://app.example.com.");
		}
	}

	@Bean
	SkyvernWebhookPublicUrlWarning skyvernWebhookPublicUrlWarning(ApplicationContext context,
			SkyvernWebhookProperties webhooks) {
		return new SkyvernWebhookPublicUrlWarning(context, webhooks);
	}

	@Bean
	@ConditionalOnMissingBean
	SkyvernWebhookReceiver skyvernWebhookReceiver(SkyvernWebhookProperties webhooks, SkyvernWebhookVerifier verifier,
			SkyvernWebhookIdempotencyStore idempotencyStore, ApplicationEventPublisher eventPublisher,
			ObjectProvider<SkyvernWebhookRunCompletionSource> completionSource,
			ObjectProvider<SkyvernWebhookDeliveryListener> deliveryListeners) {
		if (!webhooks.isVerifySignatures()) {
			logger.warn("Skyvern webhook signatures are NOT verified (skyvern.webhooks.verify-signatures=false): "
					+ "anyone who can reach " + webhooks.getPath() + " can publish run events and finish waits");
		}
		List<SkyvernWebhookDeliveryListener> listeners = deliveryListeners.orderedStream().toList();
		return SkyvernWebhookReceiver.builder(verifier, idempotencyStore, eventPublisher)
			.verifySignatures(webhooks.isVerifySignatures())
			.completionSource(completionSource.getIfUnique())
			.maxBodySize(webhooks.getMaxBodySize().toBytes())
			.deliveryListener((outcome, elapsed) -> listeners.forEach((listener) -> listener.onDelivery(outcome, elapsed)))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	SkyvernWebhookBodyBudget skyvernWebhookBodyBudget(SkyvernWebhookProperties webhooks) {
		return new SkyvernWebhookBodyBudget(webhooks.getMaxInFlightBodySize().toBytes());
	}

	static String requirePath(SkyvernWebhookProperties webhooks) {
		String path = webhooks.getPath();
		if (path == null || !path.startsWith("/") || path.isBlank() || path.chars().anyMatch(Character::isWhitespace)) {
			throw new SkyvernConfigurationException("skyvern.webhooks.path",
					"the webhook path '" + path + "' does not start with '/' or contains spaces",
					"Set skyvern.webhooks.path to a path such as " + SkyvernWebhookProperties.DEFAULT_PATH + ".");
		}
		return path;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(SimpleUrlHandlerMapping.class)
	static class ServletReceiverConfiguration {

		@Bean
		SimpleUrlHandlerMapping skyvernWebhookHandlerMapping(SkyvernWebhookProperties webhooks,
				SkyvernWebhookReceiver receiver, SkyvernWebhookBodyBudget budget) {
			return ServletSkyvernWebhookHandler.handlerMapping(requirePath(webhooks), new ServletSkyvernWebhookHandler(
					receiver, budget, webhooks.getBodyReadTimeout(), Schedulers.parallel()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(RouterFunction.class)
	static class ReactiveReceiverConfiguration {

		@Bean
		RouterFunction<ServerResponse> skyvernWebhookRouterFunction(SkyvernWebhookProperties webhooks,
				SkyvernWebhookReceiver receiver, SkyvernWebhookBodyBudget budget, ApplicationContext context) {
			RouterFunction<ServerResponse> route = ReactiveSkyvernWebhookHandler.routerFunction(requirePath(webhooks),
					new ReactiveSkyvernWebhookHandler(receiver, Schedulers.boundedElastic(), budget,
							webhooks.getBodyReadTimeout(), Schedulers.parallel()));
			// WebFlux also routes to the router functions of parent contexts, so a management server on
			// its own port (a child context) would answer at the receiver's path too: only this
			// context's server does, the one skyvern.webhooks.public-url points at.
			return RouterFunctions.nest((request) -> servedBy(request, context), route);
		}

		private static boolean servedBy(ServerRequest request, ApplicationContext context) {
			ApplicationContext served = request.exchange().getApplicationContext();
			return served == null || served == context;
		}

	}

}
