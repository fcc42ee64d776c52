package io.github.skyvernstarter.autoconfigure;

import java.time.Clock;

import io.github.skyvernstarter.webhook.ReactiveSkyvernWebhookHandler;
import io.github.skyvernstarter.webhook.ServletSkyvernWebhookHandler;
import io.github.skyvernstarter.webhook.SkyvernTotpReceiver;
import io.github.skyvernstarter.webhook.SkyvernTotpUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernVerificationCodeProvider;
import io.github.skyvernstarter.webhook.SkyvernWebhookBodyBudget;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier;
import io.github.skyvernstarter.webhook.SkyvernWebhooksMarkerConfiguration;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Auto-configuration of the 2FA code receiver: with {@link io.github.skyvernstarter.webhook.EnableSkyvernWebhooks}
 * and a {@link SkyvernVerificationCodeProvider} bean, Skyvern's signed requests for verification codes
 * are answered at {@code skyvern.webhooks.totp-path}, verified with the webhook receiver's verifier
 * (same keys, same rotation) and read within the same body limits. The security auto-configurations
 * let the path through Spring Security like the webhook path ({@link SkyvernWebhookPaths}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SkyvernWebhookAutoConfiguration.class)
@ConditionalOnBean({ SkyvernWebhooksMarkerConfiguration.Marker.class, SkyvernVerificationCodeProvider.class })
@EnableConfigurationProperties(SkyvernWebhookProperties.class)
public final class SkyvernTotpAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SkyvernTotpReceiver skyvernTotpReceiver(SkyvernWebhookProperties webhooks, SkyvernWebhookVerifier verifier,
			SkyvernVerificationCodeProvider provider) {
		requireTotpPath(webhooks);
		return new SkyvernTotpReceiver(verifier, provider, webhooks.getMaxBodySize().toBytes(),
				webhooks.isVerifySignatures(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty("skyvern.webhooks.public-url")
	SkyvernTotpUrlCustomizer skyvernTotpUrlCustomizer(SkyvernWebhookProperties webhooks, ApplicationContext context) {
		// Checked and reported by the webhook URL's own bean; here only the path differs.
		return new SkyvernTotpUrlCustomizer(SkyvernWebhookUrlCustomizer.webhookUrl(webhooks.getPublicUrl(),
				SkyvernWebhookPaths.basePath(context), requireTotpPath(webhooks)));
	}

	static String requireTotpPath(SkyvernWebhookProperties webhooks) {
		String path = webhooks.getTotpPath();
		if (path == null || !path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace)
				|| path.equals(webhooks.getPath())) {
			throw new SkyvernConfigurationException("skyvern.webhooks.totp-path",
					"the 2FA code path '" + path + "' does not start with '/', contains spaces, or is the webhook path",
					"Set skyvern.webhooks.totp-path to a path such as " + SkyvernWebhookProperties.DEFAULT_TOTP_PATH
							+ ", other than skyvern.webhooks.path.");
		}
		return path;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(SimpleUrlHandlerMapping.class)
	static class ServletTotpConfiguration {

		@Bean
		SimpleUrlHandlerMapping skyvernTotpHandlerMapping(SkyvernWebhookProperties webhooks,
				SkyvernTotpReceiver receiver, SkyvernWebhookBodyBudget budget) {
			return ServletSkyvernWebhookHandler.handlerMapping(requireTotpPath(webhooks), new ServletSkyvernWebhookHandler(
					receiver, budget, webhooks.getBodyReadTimeout(), Schedulers.parallel()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(RouterFunction.class)
	static class ReactiveTotpConfiguration {

		@Bean
		RouterFunction<ServerResponse> skyvernTotpRouterFunction(SkyvernWebhookProperties webhooks,
				SkyvernTotpReceiver receiver, SkyvernWebhookBodyBudget budget, ApplicationContext context) {
			RouterFunction<ServerResponse> route = ReactiveSkyvernWebhookHandler.routerFunction(
					requireTotpPath(webhooks), new ReactiveSkyvernWebhookHandler(receiver, Schedulers.boundedElastic(),
							budget, webhooks.getBodyReadTimeout(), Schedulers.parallel()));
			// Only this context's server answers, as for the webhook receiver.
			return RouterFunctions.nest((request) -> {
				ApplicationContext served = request.exchange().getApplicationContext();
				return served == null || served == context;
			}, route);
		}

	}

}
