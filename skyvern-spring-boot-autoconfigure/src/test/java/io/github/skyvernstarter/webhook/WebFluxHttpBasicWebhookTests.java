package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Skyvern webhooks on Reactor Netty in a WebFlux application whose own chain requires HTTP Basic,
 * with CSRF protection.
 */
@SpringBootTest(classes = SecuredWebFluxApplications.HttpBasicConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration" })
class WebFluxHttpBasicWebhookTests extends AbstractSecuredWebhookTests {

	@Override
	Login login() {
		return Login.BASIC;
	}

}
