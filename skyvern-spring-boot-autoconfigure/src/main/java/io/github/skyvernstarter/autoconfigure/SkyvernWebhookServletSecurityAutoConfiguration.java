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
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Auto-configuration that lets Skyvern's deliveries through Spring Security in a Spring MVC
 * application with {@link EnableSkyvernWebhooks}: a {@link SecurityFilterChain} for the receiver's
 * paths only, ahead of the application's chains, that permits the request without CSRF protection,
 * a session or a saved request.
 * <p>
 * This is safe because the receiver authenticates every request itself: its HMAC signature over
 * the raw body, with a key only Skyvern and this application hold, and the receiver answers 401 to
 * a request without a valid one before reading it as a run. A login, a session or a CSRF token
 * cannot apply to a server-to-server call, so without this chain every delivery is refused. Every
 * other path keeps the application's own chains. It is off when signatures are not verified
 * ({@code skyvern.webhooks.verify-signatures=false}) or {@code skyvern.webhooks.security.enabled}
 * is {@code false}; its chain gives way to a bean named {@value #SECURITY_FILTER_CHAIN_BEAN_NAME},
 * the application's own chain for the receiver's paths.
 * <p>
 * Spring Boot's default chain, and Spring Security's own fallback, exist only while no
 * {@link SecurityFilterChain} bean does. This configuration therefore runs after every other
 * auto-configuration, so that theirs are decided first; and when no chain exists besides the
 * receiver's, it also defines the default one (any request authenticated, form login and HTTP
 * Basic) that the receiver's chain would otherwise switch off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SkyvernWebhookAutoConfiguration.class,
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
@ConditionalOnBean({ SkyvernWebhooksMarkerConfiguration.Marker.class, HttpSecurity.class })
@ConditionalOnBooleanProperty(prefix = "skyvern.webhooks", name = { "security.enabled", "verify-signatures" },
		matchIfMissing = true)
@EnableConfigurationProperties(SkyvernWebhookProperties.class)
public final class SkyvernWebhookServletSecurityAutoConfiguration {

	/**
	 * Name of the receiver's filter chain; a bean of this name replaces it.
	 */
	public static final String SECURITY_FILTER_CHAIN_BEAN_NAME = "skyvernWebhookSecurityFilterChain";

	/**
	 * Order of the receiver's filter chain: ahead of the application's chains, which often match any
	 * request, yet leaving room for a chain that must come first.
	 */
	public static final int SECURITY_FILTER_CHAIN_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * Order of the default chain, the same as Spring Boot's.
	 */
	static final int DEFAULT_CHAIN_ORDER = Ordered.LOWEST_PRECEDENCE - 5;

	@Bean(SECURITY_FILTER_CHAIN_BEAN_NAME)
	@ConditionalOnMissingBean(name = SECURITY_FILTER_CHAIN_BEAN_NAME)
	@Order(SECURITY_FILTER_CHAIN_ORDER)
	SecurityFilterChain skyvernWebhookSecurityFilterChain(HttpSecurity http, SkyvernWebhookProperties webhooks) {
		return http.securityMatcher(SkyvernWebhookPaths.receiverPaths(webhooks).toArray(String[]::new))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

	/**
	 * The default chain, for an application that has no chain besides the receiver's.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(NoApplicationChainCondition.class)
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		@Order(DEFAULT_CHAIN_ORDER)
		SecurityFilterChain skyvernDefaultSecurityFilterChain(HttpSecurity http) {
			http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated());
			http.formLogin(withDefaults());
			http.httpBasic(withDefaults());
			return http.build();
		}

	}

	static class NoApplicationChainCondition extends NoOtherFilterChainCondition {

		NoApplicationChainCondition() {
			super("org.springframework.security.web.SecurityFilterChain", SECURITY_FILTER_CHAIN_BEAN_NAME);
		}

	}

}
