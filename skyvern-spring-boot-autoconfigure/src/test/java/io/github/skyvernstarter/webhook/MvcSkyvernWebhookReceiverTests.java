package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The receiver in a Spring MVC application on Tomcat.
 */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class MvcSkyvernWebhookReceiverTests extends AbstractSkyvernWebhookReceiverTests {

	@Override
	String expectedWebServer() {
		return "org.springframework.boot.tomcat.TomcatWebServer";
	}

}
