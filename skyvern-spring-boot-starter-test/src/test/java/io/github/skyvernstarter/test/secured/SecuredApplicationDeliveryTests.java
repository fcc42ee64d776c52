package io.github.skyvernstarter.test.secured;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.SkyvernStub;
import io.github.skyvernstarter.test.WebhookDelivery;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link SkyvernStub#deliverRunFinished(String)} reaches the receiver of an application
 * secured with Spring Security, under a context path and a dispatcher servlet path.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/app", "spring.mvc.servlet.path=/mvc" })
@AutoConfigureSkyvernStub
class SecuredApplicationDeliveryTests {

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowTemplate template;

	@Autowired
	private SecuredApplication.FinishedRuns finishedRuns;

	@LocalServerPort
	private int port;

	@Test
	void deliversTheRunFinishedWebhookToTheReceiverOfASecuredApplication() {
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_x").build());
		WebhookDelivery delivery = this.skyvern.deliverRunFinished(run.runId());
		assertThat(delivery.target().getPath()).isEqualTo("/app/mvc/skyvern/webhooks");
		assertThat(delivery.statusCode()).isEqualTo(200);
		assertThat(this.finishedRuns.runIds).containsExactly(run.runId());
	}

	@Test
	void theApplicationsOtherPathsStillRequireALogin() throws IOException, InterruptedException {
		HttpResponse<Void> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/app/mvc/invoices")).build(),
					HttpResponse.BodyHandlers.discarding());
		assertThat(response.statusCode()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying((location) -> assertThat(location).endsWith("/login"));
	}

}
