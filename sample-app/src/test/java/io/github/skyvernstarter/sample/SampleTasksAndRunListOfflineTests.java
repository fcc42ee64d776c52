package io.github.skyvernstarter.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end tests of {@code POST /tasks} and {@code GET /runs} in offline mode: the application on a
 * random port and the embedded simulator, whose task runs finish and send their signed webhooks like
 * workflow runs.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "skyvern.api-key=", "sample.simulator.step-delay=50ms", "skyvern.poll-interval=20ms",
				"sample.demo.enabled=false" })
class SampleTasksAndRunListOfflineTests {

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private SkyvernWorkflowOperations skyvern;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	// The answer is the run as the poll or the webhook saw it, whichever came first: a task's webhook, as
	// Skyvern's, carries no run_request.
	@Test
	void startsATaskWaitsForItAndReceivesItsWebhook() {
		EntityExchangeResult<byte[]> result = this.client.post()
			.uri("/tasks?wait=true")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"prompt\":\"Find the price\",\"url\":\"https://shop.example.com\",\"max_steps\":5}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/runs/tsk_\\d+")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("completed")
			.jsonPath("$.run_type")
			.isEqualTo("task_v1")
			.jsonPath("$.output.message")
			.isEqualTo("Simulated task completed: Find the price at https://shop.example.com")
			.returnResult();
		String runId = JsonPath.read(new String(result.getResponseBodyContent(), StandardCharsets.UTF_8), "$.run_id");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.client.get()
				.uri("/webhooks/events")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$[?(@.run_id == '" + runId + "')].status")
				.isEqualTo(List.of("completed")));
	}

	@Test
	void startsATaskWithoutWaiting() {
		this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"prompt\":\"Log in\",\"url\":\"https://example.com\",\"engine\":\"skyvern-2.0\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.run_id")
			.value(String.class, (runId) -> assertThat(runId).startsWith("tsk_v2_"))
			.jsonPath("$.status")
			.isEqualTo("created");
	}

	@Test
	void answersATaskWithoutPromptWith400() {
		this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"url\":\"https://example.com\"}")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void listsRunsByWorkflowStatusAndTag() {
		String tagged = this.skyvern
			.runWorkflow(RunWorkflowRequest.builder("wpid_listed").runMetadata(Map.of("customer", "acme")).build())
			.runId();
		String other = this.skyvern
			.runWorkflow(RunWorkflowRequest.builder("wpid_listed").runMetadata(Map.of("customer", "globex")).build())
			.runId();
		List<Map<String, Object>> runs = this.client.get()
			.uri("/runs?workflow=wpid_listed&tag=customer:acme")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		assertThat(runs).extracting((run) -> run.get("run_id")).containsExactly(tagged);
		assertThat(runs.get(0)).containsEntry("workflow_permanent_id", "wpid_listed")
			.containsEntry("task_run_type", "workflow_run");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.client.get()
			.uri("/runs?workflow=wpid_listed&status=completed")
			.exchange()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody()).extracting((run) -> run.get("run_id")).containsExactlyInAnyOrder(tagged, other));
	}

	@Test
	void answersABadTagOrLimitWith400() {
		this.client.get().uri("/runs?tag=no-colon").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/runs?tag=skyvern.x:1").exchange().expectStatus().isBadRequest();
		this.client.get().uri("/runs?limit=0").exchange().expectStatus().isBadRequest();
	}

}
