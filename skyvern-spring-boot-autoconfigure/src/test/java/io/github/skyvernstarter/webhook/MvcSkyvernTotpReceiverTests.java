package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The 2FA code receiver in a Spring MVC application on Tomcat.
 */
@SpringBootTest(classes = TotpTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class MvcSkyvernTotpReceiverTests extends AbstractSkyvernTotpReceiverTests {

}
