package io.github.skyvernstarter.sample.simulator;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Chooses between online and offline mode before any bean exists: with {@code skyvern.api-key} (for
 * example from {@code SKYVERN_API_KEY}) the sample talks to that Skyvern server; without one it starts
 * a {@link SkyvernSimulator} and points {@code skyvern.base-url} and {@code skyvern.api-key} at it.
 * <p>
 * An initializer rather than a bean, because the simulator's random port has to be known before the
 * Skyvern client reads its configuration. Registered in {@code META-INF/spring.factories}.
 */
public class OfflineSkyvernInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Property set to {@code true} in offline mode; the demo run is conditional on it. */
	public static final String OFFLINE_PROPERTY = "sample.offline";

	private static final Log logger = LogFactory.getLog(OfflineSkyvernInitializer.class);

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (hasApiKey(environment)) {
			logger.info("Online mode: using the Skyvern API at "
					+ environment.getProperty("skyvern.base-url", "https://api.skyvern.com"));
			return;
		}
		Duration stepDelay = Binder.get(environment)
			.bind("sample.simulator.step-delay", Duration.class)
			.orElse(Duration.ofSeconds(1));
		// A fresh key per start: only this application knows it, and it is never logged.
		byte[] random = new byte[16];
		new SecureRandom().nextBytes(random);
		String apiKey = "sk_offline_" + HexFormat.of().formatHex(random);
		SkyvernSimulator simulator = new SkyvernSimulator(apiKey, stepDelay, () -> applicationWebhookUrl(environment));
		simulator.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("sampleOfflineSkyvern", Map.of("skyvern.api-key", apiKey,
					"skyvern.base-url", simulator.baseUrl(), OFFLINE_PROPERTY, "true")));
		// Last: defaults that suit the simulator's few-second runs, unless the application sets its own.
		environment.getPropertySources()
			.addLast(new MapPropertySource("sampleOfflineDefaults", Map.of("skyvern.poll-interval", "1s")));
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton("skyvernSimulator", simulator);
		if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
			registry.registerDisposableBean("skyvernSimulator", simulator::close);
		}
		logger.info("Offline mode: SKYVERN_API_KEY is not set, so the sample runs against its embedded Skyvern "
				+ "simulator at " + simulator.baseUrl() + " (set SKYVERN_API_KEY to use a real Skyvern server)");
	}

	private static boolean hasApiKey(Environment environment) {
		try {
			return StringUtils.hasText(environment.getProperty("skyvern.api-key"));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Return the sample's own webhook receiver once its web server has a port.
	 */
	private static @Nullable URI applicationWebhookUrl(Environment environment) {
		String port = environment.getProperty("local.server.port");
		if (port == null) {
			return null;
		}
		String contextPath = environment.getProperty("server.servlet.context-path", "");
		String path = environment.getProperty("skyvern.webhooks.path", "/skyvern/webhooks");
		return URI.create("http://127.0.0.1:" + port + StringUtils.trimTrailingCharacter(contextPath, '/') + path);
	}

}
