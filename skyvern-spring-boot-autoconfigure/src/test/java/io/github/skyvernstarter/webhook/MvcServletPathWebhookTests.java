package io.github.skyvernstarter.webhook;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skyvern webhooks on Tomcat under a context path and a dispatcher servlet path, in a Spring MVC
 * application whose own chain requires HTTP Basic: runs get the URL at which the receiver answers.
 */
@SpringBootTest(classes = SecuredMvcApplications.HttpBasicConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.servlet.context-path=/app",
				"spring.mvc.servlet.path=/mvc", "skyvern.webhooks.public-url=https://hooks.example.com" })
class MvcServletPathWebhookTests extends AbstractSecuredWebhookTests {

	@Autowired
	SkyvernWebhookUrlCustomizer webhookUrl;

	@Override
	String basePath() {
		return "/app/mvc";
	}

	@Override
	Login login() {
		return Login.BASIC;
	}

	@Test
	void givesRunsTheUrlAtWhichTheReceiverReallyAnswers() {
		assertThat(this.webhookUrl.getWebhookUrl()).isEqualTo("https://hooks.example.com/app/mvc/skyvern/webhooks");
		String path = URI.create(this.webhookUrl.getWebhookUrl()).getPath();
		byte[] body = runFinished("wr_servlet_path");
		assertThat(new WebhookClient(this.port, path).post(body, signed(body)).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events("wr_servlet_path")).hasSize(1);
	}

}
