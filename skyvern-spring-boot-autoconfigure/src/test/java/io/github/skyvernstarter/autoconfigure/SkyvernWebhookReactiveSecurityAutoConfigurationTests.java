package io.github.skyvernstarter.autoconfigure;

import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernWebhookReactiveSecurityAutoConfiguration}.
 */
class SkyvernWebhookReactiveSecurityAutoConfigurationTests {

	private static final String OURS = SkyvernWebhookReactiveSecurityAutoConfiguration.SECURITY_WEB_FILTER_CHAIN_BEAN_NAME;

	private static final String DEFAULT = "skyvernDefaultSecurityWebFilterChain";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SkyvernWebhookAutoConfiguration.class,
				SkyvernWebhookReactiveSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveUserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=sk-security-test-key");

	@Test
	void putsTheReceiversChainFirstAndKeepsSpringSecuritysDefaultChainForEveryOtherPath() {
		// Spring Security builds its default chain only while no chain bean exists: the receiver's chain
		// would switch it off, so the starter defines it.
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class).run((context) -> {
			assertThat(chainNames(context)).containsExactly(OURS, DEFAULT);
			assertThat(chainFor(context, HttpMethod.POST, "/skyvern/webhooks")).isEqualTo(OURS);
			assertThat(chainFor(context, HttpMethod.GET, "/hello")).isEqualTo(DEFAULT);
		});
	}

	@Test
	void putsTheReceiversChainAheadOfTheApplicationsChainEvenOneOrderedFirst() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class, FirstAnyExchangeChainConfiguration.class)
			.run((context) -> {
				assertThat(chainNames(context)).containsExactly(OURS, "applicationChain");
				assertThat(chainFor(context, HttpMethod.POST, "/skyvern/webhooks")).isEqualTo(OURS);
				assertThat(chainFor(context, HttpMethod.POST, "/hello")).isEqualTo("applicationChain");
			});
	}

	@Test
	void matchesTheReceiversPathForEveryMethodAndNothingBesideIt() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.webhooks.path=/hooks/skyvern")
			.run((context) -> {
				for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.GET, HttpMethod.PUT)) {
					assertThat(chainFor(context, method, "/hooks/skyvern")).isEqualTo(OURS);
				}
				for (String path : List.of("/skyvern/webhooks", "/hooks/skyvern/x", "/hooks/skyvernx", "/hooks", "/")) {
					assertThat(chainFor(context, HttpMethod.POST, path)).as(path).isEqualTo(DEFAULT);
				}
			});
	}

	@Test
	void backsOffWhenTheApplicationDefinesTheReceiversChainItselfAndKeepsTheDefaultProtection() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class, OwnReceiverChainConfiguration.class)
			.run((context) -> {
				assertThat(chainNames(context)).containsExactly(OURS, DEFAULT);
				assertThat(context.getBean(OURS)).isSameAs(context.getBean(OwnReceiverChainConfiguration.class).chain);
			});
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.webhooks.security.enabled=false")
			.run((context) -> assertThat(chainNames(context)).isEmpty());
	}

	@Test
	void staysOffWhenSignaturesAreNotVerifiedBecauseNothingWouldThenAuthenticateTheRequests() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.webhooks.verify-signatures=false")
			.run((context) -> assertThat(chainNames(context)).isEmpty());
	}

	@Test
	void staysOffWithoutEnableSkyvernWebhooks() {
		this.contextRunner.run((context) -> assertThat(chainNames(context)).isEmpty());
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

	private static List<String> chainNames(AssertableReactiveWebApplicationContext context) {
		assertThat(context).hasNotFailed();
		Map<String, SecurityWebFilterChain> beans = context.getBeansOfType(SecurityWebFilterChain.class);
		// In the order Spring Security's WebFilterChainProxy receives them.
		return context.getBeanProvider(SecurityWebFilterChain.class)
			.orderedStream()
			.map((chain) -> nameOf(beans, chain))
			.toList();
	}

	private static String chainFor(AssertableReactiveWebApplicationContext context, HttpMethod method, String path) {
		Map<String, SecurityWebFilterChain> beans = context.getBeansOfType(SecurityWebFilterChain.class);
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
		return context.getBeanProvider(SecurityWebFilterChain.class)
			.orderedStream()
			.filter((chain) -> Boolean.TRUE.equals(chain.matches(exchange).block()))
			.findFirst()
			.map((chain) -> nameOf(beans, chain))
			.orElse("none");
	}

	private static String nameOf(Map<String, SecurityWebFilterChain> beans, SecurityWebFilterChain chain) {
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
	static class FirstAnyExchangeChainConfiguration {

		@Bean
		@Order(1)
		SecurityWebFilterChain applicationChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnReceiverChainConfiguration {

		SecurityWebFilterChain chain;

		@Bean(OURS)
		@Order(1)
		SecurityWebFilterChain ownReceiverChain(ServerHttpSecurity http) {
			this.chain = http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/skyvern/webhooks"))
				.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.build();
			return this.chain;
		}

	}

}
