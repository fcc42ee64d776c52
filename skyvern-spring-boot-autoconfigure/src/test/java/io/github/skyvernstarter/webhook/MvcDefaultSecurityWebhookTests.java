package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Skyvern webhooks on Tomcat in a Spring MVC application with Spring Security and no security
 * configuration of its own.
 */
@SpringBootTest(classes = SecuredMvcApplications.NoSecurityConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class MvcDefaultSecurityWebhookTests extends AbstractSecuredWebhookTests {

	@Override
	Login login() {
		return Login.BASIC;
	}

}
