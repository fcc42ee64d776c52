package io.github.skyvernstarter.test;

import java.time.Duration;

import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureSkyvernStub} in an application with settings of its own.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "skyvern.api-key=sk_application_key", "skyvern.base-url=https://api.skyvern.com",
				"skyvern.poll-interval=7s", "skyvern.retry.initial-delay=300ms", "skyvern.webhooks.path=/hooks/skyvern",
				"server.servlet.context-path=/app" })
@AutoConfigureSkyvernStub(pollInterval = "", retryDelay = "")
class AutoConfigureSkyvernStubApplicationSettingsTests {

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowTemplate template;

	@Autowired
	private SkyvernProperties properties;

	@Autowired
	private StubbedTestApplication.RecordingWebhookController webhooks;

	@Test
	void keepsTheApplicationsKeyAndTimingsButNeverItsBaseUrl() {
		assertThat(this.properties.getApiKey()).isEqualTo("sk_application_key");
		assertThat(this.properties.getPollInterval()).isEqualTo(Duration.ofSeconds(7));
		assertThat(this.properties.getRetry().getInitialDelay()).isEqualTo(Duration.ofMillis(300));
		assertThat(this.properties.getBaseUrl()).isEqualTo(this.skyvern.baseUrl());
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		this.skyvern.assertRunStarted("wpid_x").hasHeader("x-api-key", "sk_application_key");
	}

	@Test
	void deliversWebhooksToTheConfiguredPathUnderTheContextPathSignedWithTheApplicationsKey() {
		this.webhooks.received.clear();
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		WebhookDelivery delivery = this.skyvern.deliverRunFinished(run.runId());
		assertThat(delivery.target().getPath()).isEqualTo("/app/hooks/skyvern");
		assertThat(this.webhooks.received).singleElement()
			.satisfies((received) -> assertThat(received.getValue().getFirst("x-skyvern-signature"))
				.isEqualTo(new SkyvernWebhookSigner("sk_application_key").sign(received.getKey())));
	}

}
