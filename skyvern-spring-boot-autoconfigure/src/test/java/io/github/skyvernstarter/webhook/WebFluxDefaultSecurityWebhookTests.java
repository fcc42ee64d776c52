package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Skyvern webhooks on Reactor Netty in a WebFlux application with Spring Security and no security
 * configuration of its own.
 */
@SpringBootTest(classes = SecuredWebFluxApplications.NoSecurityConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration" })
class WebFluxDefaultSecurityWebhookTests extends AbstractSecuredWebhookTests {

	@Override
	Login login() {
		return Login.BASIC;
	}

}
