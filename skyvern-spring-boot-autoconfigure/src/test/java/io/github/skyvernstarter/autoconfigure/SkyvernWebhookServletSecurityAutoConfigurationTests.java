package io.github.skyvernstarter.autoconfigure;

import java.util.Map;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.web.access.IpAddressAuthorizationManager.hasIpAddress;

/**
 * Tests for {@link SkyvernWebhookServletSecurityAutoConfiguration}.
 */
class SkyvernWebhookServletSecurityAutoConfigurationTests {

	private static final String OURS = SkyvernWebhookServletSecurityAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN_NAME;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class,
				SkyvernWebhookServletSecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class, SecurityAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-security-test-key");

	@Test
	void putsTheReceiversChainFirstAndKeepsSpringBootsDefaultChainForEveryOtherPath() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class).run((context) -> {
			assertThat(chainNames(context)).containsExactly(OURS, "defaultSecurityFilterChain");
			assertThat(chainFor(context, "POST", "/skyvern/webhooks")).isEqualTo(OURS);
			assertThat(chainFor(context, "GET", "/hello")).isEqualTo("defaultSecurityFilterChain");
		});
	}

	@Test
	void putsTheReceiversChainAheadOfTheApplicationsChainEvenOneOrderedFirst() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class, FirstAnyRequestChainConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(chainNames(context)).containsExactly(OURS, "applicationChain");
				assertThat(chainFor(context, "POST", "/skyvern/webhooks")).isEqualTo(OURS);
				assertThat(chainFor(context, "POST", "/hello")).isEqualTo("applicationChain");
			});
	}

	@Test
	void definesTheDefaultChainItsOwnChainWouldSwitchOffWhenNoOtherChainExists() {
		// Spring Boot's web security auto-configuration is excluded: Spring Security's own fallback chain
		// applies only while no chain bean exists.
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class,
					SkyvernWebhookServletSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
					SecurityAutoConfiguration.class))
			.withUserConfiguration(WebhooksConfiguration.class, EnableWebSecurityConfiguration.class)
			.withPropertyValues("skyvern.api-key=sk-security-test-key")
			.run((context) -> {
				assertThat(chainNames(context)).containsExactly(OURS, "skyvernDefaultSecurityFilterChain");
				assertThat(chainFor(context, "GET", "/hello")).isEqualTo("skyvernDefaultSecurityFilterChain");
			});
	}

	@Test
	void matchesTheReceiversPathForEveryMethodAndNothingBesideIt() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.webhooks.path=/hooks/skyvern")
			.run((context) -> {
				for (String method : new String[] { "POST", "GET", "PUT" }) {
					assertThat(chainFor(context, method, "/hooks/skyvern")).isEqualTo(OURS);
				}
				for (String path : new String[] { "/skyvern/webhooks", "/hooks/skyvern/x", "/hooks/skyvernx",
						"/hooks", "/" }) {
					assertThat(chainFor(context, "POST", path)).as(path).isEqualTo("defaultSecurityFilterChain");
				}
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheReceiversChainItselfAndKeepsTheDefaultProtection() {
		// Any chain bean switches Spring Boot's default chain off, the application's receiver chain too.
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class, OwnReceiverChainConfiguration.class)
			.run((context) -> {
				assertThat(chainNames(context)).containsExactly(OURS, "skyvernDefaultSecurityFilterChain");
				assertThat(chainFor(context, "GET", "/hello")).isEqualTo("skyvernDefaultSecurityFilterChain");
				assertThat(context.getBean(OURS)).isSameAs(context.getBean(OwnReceiverChainConfiguration.class).chain);
			});
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.webhooks.security.enabled=false")
			.run((context) -> assertThat(chainNames(context)).containsExactly("defaultSecurityFilterChain"));
	}

	@Test
	void staysOffWhenSignaturesAreNotVerifiedBecauseNothingWouldThenAuthenticateTheRequests() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.webhooks.verify-signatures=false")
			.run((context) -> assertThat(chainNames(context)).containsExactly("defaultSecurityFilterChain"));
	}

	@Test
	void staysOffWithoutEnableSkyvernWebhooks() {
		this.contextRunner.run((context) -> assertThat(chainNames(context)).containsExactly("defaultSecurityFilterChain"));
	}

	@Test
	void needsNoSpringSecurityOnTheClassPath() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(OURS);
			});
	}

	private static String[] chainNames(AssertableWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		Map<String, SecurityFilterChain> beans = context.getBeansOfType(SecurityFilterChain.class);
		return context.getBean(FilterChainProxy.class)
			.getFilterChains()
			.stream()
			.map((chain) -> nameOf(beans, chain))
			.toArray(String[]::new);
	}

	private static String chainFor(AssertableWebApplicationContext context, String method, String path) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, path);
		Map<String, SecurityFilterChain> beans = context.getBeansOfType(SecurityFilterChain.class);
		return context.getBean(FilterChainProxy.class)
			.getFilterChains()
			.stream()
			.filter((chain) -> chain.matches(request))
			.findFirst()
			.map((chain) -> nameOf(beans, chain))
			.orElse("none");
	}

	private static String nameOf(Map<String, SecurityFilterChain> beans, SecurityFilterChain chain) {
		return beans.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() == chain)
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class EnableWebSecurityConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class FirstAnyRequestChainConfiguration {

		@Bean
		@Order(1)
		SecurityFilterChain applicationChain(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated()).build();
		}

	}

	/**
	 * README's example of an application's own chain for the receiver.
	 */
	@Configuration(proxyBeanMethods = false)
	static class OwnReceiverChainConfiguration {

		SecurityFilterChain chain;

		@Bean(SkyvernWebhookServletSecurityAutoConfiguration.SECURITY_FILTER_CHAIN_BEAN_NAME)
		@Order(SkyvernWebhookServletSecurityAutoConfiguration.SECURITY_FILTER_CHAIN_ORDER)
		SecurityFilterChain skyvernWebhookSecurityFilterChain(HttpSecurity http) {
			this.chain = http.securityMatcher("/skyvern/webhooks")
				.authorizeHttpRequests((requests) -> requests.anyRequest().access(hasIpAddress("203.0.113.0/24")))
				.csrf((csrf) -> csrf.disable())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
			return this.chain;
		}

	}

}
