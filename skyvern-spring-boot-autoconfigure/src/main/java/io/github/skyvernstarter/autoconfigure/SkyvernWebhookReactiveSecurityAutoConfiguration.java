package io.github.skyvernstarter.autoconfigure;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernWebhooksMarkerConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Auto-configuration that lets Skyvern's deliveries through Spring Security in a WebFlux
 * application with {@link EnableSkyvernWebhooks}: a {@link SecurityWebFilterChain} for the
 * receiver's paths only, ahead of the application's chains, that permits the request without CSRF
 * protection, a session or a saved request.
 * <p>
 * Why this is safe, and how to turn it off or replace it, is the same as for
 * {@link SkyvernWebhookServletSecurityAutoConfiguration}; the bean to define is named
 * {@value #SECURITY_WEB_FILTER_CHAIN_BEAN_NAME}.
 * <p>
 * Spring Security's default WebFlux chain (any exchange authenticated, HTTP Basic and form login)
 * is not a bean: Spring Security builds it only while no {@link SecurityWebFilterChain} bean exists.
 * So when no other chain exists, this configuration defines that default chain too; it runs after
 * every other auto-configuration, so that chains such as Spring Boot's actuator chain are decided
 * first.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SkyvernWebhookAutoConfiguration.class,
		afterName = { "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive."
						+ "ReactiveManagementWebSecurityAutoConfiguration" })
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ SecurityWebFilterChain.class, ServerHttpSecurity.class })
@ConditionalOnBean({ SkyvernWebhooksMarkerConfiguration.Marker.class, ServerHttpSecurity.class })
@ConditionalOnBooleanProperty(prefix = "skyvern.webhooks", name = { "security.enabled", "verify-signatures" },
		matchIfMissing = true)
@EnableConfigurationProperties(SkyvernWebhookProperties.class)
public final class SkyvernWebhookReactiveSecurityAutoConfiguration {

	/**
	 * Name of the receiver's filter chain; a bean of this name replaces it.
	 */
	public static final String SECURITY_WEB_FILTER_CHAIN_BEAN_NAME = "skyvernWebhookSecurityWebFilterChain";

	/**
	 * Order of the receiver's filter chain, the same as in a Spring MVC application.
	 */
	public static final int SECURITY_WEB_FILTER_CHAIN_ORDER =
			SkyvernWebhookServletSecurityAutoConfiguration.SECURITY_FILTER_CHAIN_ORDER;

	@Bean(SECURITY_WEB_FILTER_CHAIN_BEAN_NAME)
	@ConditionalOnMissingBean(name = SECURITY_WEB_FILTER_CHAIN_BEAN_NAME)
	@Order(SECURITY_WEB_FILTER_CHAIN_ORDER)
	SecurityWebFilterChain skyvernWebhookSecurityWebFilterChain(ServerHttpSecurity http,
			SkyvernWebhookProperties webhooks) {
		String[] paths = SkyvernWebhookPaths.receiverPaths(webhooks).toArray(String[]::new);
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers(paths))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.build();
	}

	/**
	 * Spring Security's default chain, for an application that has no chain besides the receiver's.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(NoApplicationChainCondition.class)
	static class DefaultSecurityWebFilterChainConfiguration {

		@Bean
		@Order(SkyvernWebhookServletSecurityAutoConfiguration.DEFAULT_CHAIN_ORDER)
		SecurityWebFilterChain skyvernDefaultSecurityWebFilterChain(ServerHttpSecurity http) {
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
			http.httpBasic(withDefaults());
			http.formLogin(withDefaults());
			return http.build();
		}

	}

	static class NoApplicationChainCondition extends NoOtherFilterChainCondition {

		NoApplicationChainCondition() {
			super("org.springframework.security.web.server.SecurityWebFilterChain", SECURITY_WEB_FILTER_CHAIN_BEAN_NAME);
		}

	}

}
