package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Skyvern webhooks on Tomcat in a Spring MVC application whose own chain requires HTTP Basic, with
 * CSRF protection.
 */
@SpringBootTest(classes = SecuredMvcApplications.HttpBasicConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class MvcHttpBasicWebhookTests extends AbstractSecuredWebhookTests {

	@Override
	Login login() {
		return Login.BASIC;
	}

}
