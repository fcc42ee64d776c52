package io.github.skyvernstarter.webhook;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skyvern webhooks on Reactor Netty under a base path, in a WebFlux application whose own chain
 * requires a form login, with a public URL that already names the base path: runs get the URL at
 * which the receiver answers, the base path once.
 */
@SpringBootTest(classes = SecuredWebFluxApplications.FormLoginConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
				"spring.webflux.base-path=/app", "skyvern.webhooks.public-url=https://hooks.example.com/app/" })
class WebFluxBasePathWebhookTests extends AbstractSecuredWebhookTests {

	@Autowired
	SkyvernWebhookUrlCustomizer webhookUrl;

	@Override
	String basePath() {
		return "/app";
	}

	@Override
	Login login() {
		return Login.FORM;
	}

	@Test
	void givesRunsTheUrlAtWhichTheReceiverReallyAnswers() {
		assertThat(this.webhookUrl.getWebhookUrl()).isEqualTo("https://hooks.example.com/app/skyvern/webhooks");
		String path = URI.create(this.webhookUrl.getWebhookUrl()).getPath();
		byte[] body = runFinished("wr_base_path");
		assertThat(new WebhookClient(this.port, path).post(body, signed(body)).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events("wr_base_path")).hasSize(1);
	}

}
