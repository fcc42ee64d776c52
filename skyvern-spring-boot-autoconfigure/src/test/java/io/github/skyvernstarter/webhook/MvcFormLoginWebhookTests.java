package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Skyvern webhooks on Tomcat in a Spring MVC application whose own chain, ordered first, requires a
 * form login with CSRF protection.
 */
@SpringBootTest(classes = SecuredMvcApplications.FormLoginConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class MvcFormLoginWebhookTests extends AbstractSecuredWebhookTests {

	@Override
	Login login() {
		return Login.FORM;
	}

}
