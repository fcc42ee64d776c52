package io.github.skyvernstarter.test.secured;

import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a delivery that Spring Security refuses, in an application that turned the receiver's
 * chain off, fails the test with a message that says why.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "skyvern.webhooks.security.enabled=false")
@AutoConfigureSkyvernStub
class SecuredApplicationOptOutDeliveryTests {

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowTemplate template;

	@Autowired
	private SecuredApplication.FinishedRuns finishedRuns;

	@Test
	void deliveryRefusedBySpringSecurityFailsTheTestNamingTheSetting() {
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.skyvern.deliverRunFinished(run.runId()))
			.withMessageContaining("If Spring Security answered")
			.withMessageContaining("skyvern.webhooks.security.enabled")
			.withMessageContaining("Secured applications");
		assertThat(this.finishedRuns.runIds).isEmpty();
	}

}
