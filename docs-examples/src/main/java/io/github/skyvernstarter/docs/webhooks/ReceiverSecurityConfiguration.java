package io.github.skyvernstarter.docs.webhooks;

import io.github.skyvernstarter.autoconfigure.SkyvernWebhookServletSecurityAutoConfiguration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.security.web.access.IpAddressAuthorizationManager.hasIpAddress;

@Configuration(proxyBeanMethods = false)
class ReceiverSecurityConfiguration {

	@Bean(SkyvernWebhookServletSecurityAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN_NAME)
	@Order(SkyvernWebhookServletSecurityAutoConfiguration.SECURITY_FILTER_CHAIN_ORDER)
	SecurityFilterChain skyvernWebhookSecurityFilterChain(HttpSecurity http) {
		return http.securityMatcher("/skyvern/webhooks")
			.authorizeHttpRequests((requests) -> requests.anyRequest().access(hasIpAddress("203.0.113.0/24")))
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.build();
	}

}
