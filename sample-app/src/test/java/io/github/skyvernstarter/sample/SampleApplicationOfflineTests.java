package io.github.skyvernstarter.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import io.github.skyvernstarter.sample.simulator.SkyvernSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of the sample in offline mode: the application on a random port, the embedded
 * simulator, and runs that finish in a fraction of a second.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		// An empty key forces offline mode even on a machine where SKYVERN_API_KEY is set.
		properties = { "skyvern.api-key=", "sample.simulator.step-delay=50ms", "skyvern.poll-interval=20ms" })
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationOfflineTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private SkyvernProperties skyvernProperties;

	@Autowired
	private SkyvernSimulator simulator;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void talksToTheEmbeddedSimulatorWithAGeneratedKey() {
		assertThat(this.skyvernProperties.getBaseUrl()).isEqualTo(this.simulator.baseUrl())
			.startsWith("http://127.0.0.1:");
		assertThat(this.skyvernProperties.getApiKey()).startsWith("sk_offline_");
	}

	@Test
	void startsARunWaitsForItToCompleteAndReceivesItsWebhook() {
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/workflows/wpid_invoices/runs?wait=true")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"account\":\"acct-1\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/runs/wr_\\d+")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("completed")
			.jsonPath("$.output.parameters.account")
			.isEqualTo("acct-1")
			.jsonPath("$.run_request.workflow_id")
			.isEqualTo("wpid_invoices")
			.jsonPath("$.finished_at")
			.exists()
			.jsonPath("$.final")
			.doesNotExist()
			.returnResult();
		String runId = JsonPath.read(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8), "$.run_id");
		assertThat(runId).startsWith("wr_");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.client.get()
				.uri("/webhooks/events")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$[?(@.run_id == '" + runId + "')].status")
				.isEqualTo(List.of("completed"))
				.jsonPath("$[?(@.run_id == '" + runId + "')].workflow_id")
				.isEqualTo(List.of("wpid_invoices"))
				.jsonPath("$[0].received_at")
				.exists());
	}

	@Test
	void listsWebhookEventsMostRecentFirst() {
		String first = startRun("wpid_first");
		String second = startRun("wpid_second");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<String> runIds = this.client.get()
				.uri("/webhooks/events")
				.exchange()
				.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
				})
				.returnResult()
				.getResponseBody()
				.stream()
				.map((event) -> (String) event.get("run_id"))
				.filter((runId) -> runId.equals(first) || runId.equals(second))
				.toList();
			assertThat(runIds).containsExactly(second, first);
		});
	}

	@Test
	void startsARunWithoutWaitingThenReadsAndCancelsIt() {
		String runId = startRun("wpid_slow");
		this.client.get()
			.uri("/runs/{runId}", runId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.run_id")
			.isEqualTo(runId);
		this.client.post()
			.uri("/runs/{runId}/cancel", runId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.value(String.class, (status) -> assertThat(status).isIn("canceled", "completed"));
	}

	@Test
	void answersAnUnknownRunWith404ProblemJson() {
		this.client.get()
			.uri("/runs/wr_unknown")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.run_id")
			.isEqualTo("wr_unknown")
			.jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).doesNotContain("sk_offline_"));
	}

	@Test
	void answersABodyThatIsNotAJsonObjectWith400() {
		this.client.post()
			.uri("/workflows/wpid_x/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("[1, 2]")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400);
	}

	@Test
	void exposesHealthAndMetrics() {
		this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
		this.client.get()
			.uri("/actuator/metrics")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.names")
			.isArray();
	}

	@Test
	void runsTheDemoWorkflowAtStartupAndLogsItsResult(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(output.getAll()).containsPattern(
					"Demo run wr_\\d+ of wpid_demo finished: status=completed, output=\\{\"message\""));
	}

	private String startRun(String workflowId) {
		Map<String, Object> run = this.client.post()
			.uri("/workflows/{workflowId}/runs", workflowId)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(MAP)
			.returnResult()
			.getResponseBody();
		assertThat(run).containsEntry("status", "created");
		return (String) run.get("run_id");
	}

}
