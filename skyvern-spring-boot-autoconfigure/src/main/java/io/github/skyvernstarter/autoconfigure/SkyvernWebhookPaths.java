package io.github.skyvernstarter.autoconfigure;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * Where the starter's receivers answer: their paths within the application, which security
 * matchers and handler mappings use, and the base path the server puts before them, which URLs
 * given to Skyvern need.
 */
final class SkyvernWebhookPaths {

	private SkyvernWebhookPaths() {
	}

	/**
	 * Return the paths, within the application, of every endpoint that Skyvern calls and that
	 * authenticates its requests by their signature: the run webhook and the 2FA code endpoint.
	 * @param webhooks the webhook properties
	 * @return the paths, each starting with {@code /}
	 * @throws SkyvernConfigurationException if a path is invalid
	 */
	static List<String> receiverPaths(SkyvernWebhookProperties webhooks) {
		return List.of(SkyvernWebhookAutoConfiguration.requirePath(webhooks),
				SkyvernTotpAutoConfiguration.requireTotpPath(webhooks));
	}

	/**
	 * Return the path the application's server puts before every path of the application: the
	 * context path and the dispatcher servlet's path for Spring MVC, the base path for WebFlux.
	 * @param context the application context
	 * @return the base path, empty or starting with {@code /} and without a trailing {@code /}
	 */
	static String basePath(ApplicationContext context) {
		Binder binder = Binder.get(context.getEnvironment());
		if (context instanceof ReactiveWebApplicationContext) {
			return clean(binder.bind("spring.webflux.base-path", String.class).orElse(""));
		}
		if (context instanceof WebApplicationContext) {
			return clean(binder.bind("server.servlet.context-path", String.class).orElse(""))
					+ clean(binder.bind("spring.mvc.servlet.path", String.class).orElse(""));
		}
		return "";
	}

	private static String clean(String path) {
		String cleaned = path.strip();
		while (cleaned.endsWith("/")) {
			cleaned = cleaned.substring(0, cleaned.length() - 1);
		}
		return (cleaned.isEmpty() || cleaned.startsWith("/")) ? cleaned : "/" + cleaned;
	}

}
