package io.github.skyvernstarter.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.StringUtils;

/**
 * Starts a {@link SkyvernStub} for a test's application context, points the Skyvern client at it and
 * registers it as a bean that is closed with the context.
 */
final class SkyvernStubContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "skyvernStub";

	/** The API key the application gets when it has none of its own. */
	static final String TEST_API_KEY = "sk_test_skyvern_stub";

	private static final String PROPERTY_SOURCE_NAME = "skyvernStub";

	private final String pollInterval;

	private final String retryDelay;

	SkyvernStubContextCustomizer(String pollInterval, String retryDelay) {
		this.pollInterval = pollInterval;
		this.retryDelay = retryDelay;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		SkyvernStub stub = SkyvernStub.start();
		ConfigurableEnvironment environment = context.getEnvironment();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("skyvern.base-url", stub.baseUrl());
		if (!hasApiKey(environment)) {
			properties.put("skyvern.api-key", TEST_API_KEY);
		}
		if (StringUtils.hasText(this.pollInterval)) {
			properties.put("skyvern.poll-interval", this.pollInterval);
			// With webhooks enabled, waits poll at this slower interval instead.
			properties.put("skyvern.webhooks.fallback-poll-interval", this.pollInterval);
		}
		if (StringUtils.hasText(this.retryDelay)) {
			properties.put("skyvern.retry.initial-delay", this.retryDelay);
			properties.put("skyvern.retry.max-delay", this.retryDelay);
			properties.put("skyvern.retry.jitter", "0ms");
			// The wait between an ambiguous run start and its lookup: a stub answers at once.
			properties.put("skyvern.run-starts.grace-period", this.retryDelay);
		}
		// First: the stub's address must win over the application's own skyvern.base-url.
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		stub.defaultWebhookTarget(() -> applicationWebhookUrl(environment));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, stub);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean(BEAN_NAME, stub::close);
		}
		else {
			context.addApplicationListener(new CloseStubListener(stub));
		}
	}

	/**
	 * Whether the application has a key of its own; README's {@code ${SKYVERN_API_KEY}} with the
	 * variable unset is none (the starter refuses it at startup), nor is a blank key.
	 */
	private static boolean hasApiKey(Environment environment) {
		try {
			String key = environment.getProperty("skyvern.api-key");
			return StringUtils.hasText(key) && !key.contains("${");
		}
		catch (IllegalArgumentException ex) {
			// An unresolvable placeholder such as ${SKYVERN_API_KEY}: no key in this environment.
			return false;
		}
	}

	/**
	 * Return the URL of the application's webhook receiver, once its web server has a port: under the
	 * context path and the dispatcher servlet's path (Spring MVC) or the base path (WebFlux).
	 */
	static @Nullable URI applicationWebhookUrl(Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return null;
		}
		String basePath = pathPrefix(environment.getProperty("server.servlet.context-path", ""))
				+ pathPrefix(environment.getProperty("spring.mvc.servlet.path", ""))
				+ pathPrefix(environment.getProperty("spring.webflux.base-path", ""));
		String path = environment.getProperty("skyvern.webhooks.path", "/skyvern/webhooks");
		return URI.create("http://localhost:" + port + basePath + path);
	}

	private static String pathPrefix(String path) {
		String prefix = StringUtils.trimTrailingCharacter(path.strip(), '/');
		return (prefix.isEmpty() || prefix.startsWith("/")) ? prefix : "/" + prefix;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof SkyvernStubContextCustomizer customizer
				&& this.pollInterval.equals(customizer.pollInterval) && this.retryDelay.equals(customizer.retryDelay);
	}

	@Override
	public int hashCode() {
		return 31 * this.pollInterval.hashCode() + this.retryDelay.hashCode();
	}

	private record CloseStubListener(SkyvernStub stub) implements ApplicationListener<ContextClosedEvent> {

		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			this.stub.close();
		}

	}

}
