package io.github.skyvernstarter.webhook;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The receiver in a Spring WebFlux application on Reactor Netty.
 */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration" })
class WebFluxSkyvernWebhookReceiverTests extends AbstractSkyvernWebhookReceiverTests {

	@Override
	String expectedWebServer() {
		return "org.springframework.boot.reactor.netty.NettyWebServer";
	}

}
