package io.github.skyvernstarter.webhook;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Skyvern webhooks on Tomcat under a context path, in a Spring MVC application whose own chain
 * requires a form login, without a public URL: the startup warning names where the receiver
 * answers.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = SecuredMvcApplications.FormLoginConfiguration.class,
		webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "server.servlet.context-path=/app" })
class MvcContextPathWebhookTests extends AbstractSecuredWebhookTests {

	private static final Pattern RECEIVER_LOCATION = Pattern.compile("the receiver answers at (\\S+) on port (\\d+)\\.");

	@Override
	String basePath() {
		return "/app";
	}

	@Override
	Login login() {
		return Login.FORM;
	}

	@Test
	void warnsOnceAtStartupWithoutAPublicUrlNamingWhereTheReceiverReallyAnswers(CapturedOutput output) {
		assertThat(output.getAll().split("skyvern.webhooks.public-url is not set", -1)).hasSize(2);
		Matcher location = RECEIVER_LOCATION.matcher(output.getAll());
		assertThat(location.find()).isTrue();
		assertThat(location.group(1)).isEqualTo("/app/skyvern/webhooks");
		assertThat(Integer.parseInt(location.group(2))).isEqualTo(this.port);
		byte[] body = runFinished("wr_context_path");
		assertThat(new WebhookClient(this.port, location.group(1)).post(body, signed(body)).statusCode()).isEqualTo(200);
		assertThat(this.recorder.events("wr_context_path")).hasSize(1);
	}

}
