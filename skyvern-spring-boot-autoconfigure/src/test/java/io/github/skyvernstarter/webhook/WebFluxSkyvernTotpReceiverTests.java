package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The 2FA code receiver in a Spring WebFlux application on Reactor Netty.
 */
@SpringBootTest(classes = TotpTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration" })
class WebFluxSkyvernTotpReceiverTests extends AbstractSkyvernTotpReceiverTests {

}
