package io.github.skyvernstarter.sample.web;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that the sample's controllers answer Skyvern's errors with fitting statuses and short problem
 * JSON; runs in online mode (an API key is set) against the test kit's Skyvern stub.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "skyvern.api-key=sk_live_secret_key_1234", "sample.wait-timeout=200ms" })
@AutoConfigureSkyvernStub
class RunControllerErrorMappingTests {

	private static final String KEY = "sk_live_secret_key_1234";

	@LocalServerPort
	private int port;

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private ApplicationContext context;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void onlineModeStartsNoSimulatorAndNoDemoRun() {
		assertThat(this.context.containsBean("skyvernSimulator")).isFalse();
		assertThat(this.context.containsBean("demoRun")).isFalse();
		this.skyvern.assertNoRunStarted();
	}

	@Test
	void passesParametersToSkyvern() {
		this.client.post()
			.uri("/workflows/wpid_x/runs")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"account\":\"acct-1\",\"pages\":3}")
			.exchange()
			.expectStatus()
			.isCreated();
		this.skyvern.assertRunStarted("wpid_x")
			.hasParameter("account", "acct-1")
			.hasParameter("pages", 3)
			.hasHeader("x-api-key", KEY);
	}

	@Test
	void unknownWorkflowIs404() {
		this.skyvern.stubWorkflow("wpid_missing").failsToStart(404, "Workflow not found");
		expectProblem("wpid_missing", HttpStatus.NOT_FOUND, 404);
	}

	@Test
	void badParametersAre400() {
		this.skyvern.stubWorkflow("wpid_x").failsToStart(400, "Invalid workflow parameters");
		expectProblem("wpid_x", HttpStatus.BAD_REQUEST, 400);
	}

	@Test
	void validationErrorsAre422WithTheFieldErrors() {
		this.skyvern.stubWorkflow("wpid_x").failsToStart(422, "Field required");
		expectProblem("wpid_x", HttpStatus.UNPROCESSABLE_CONTENT, 422).jsonPath("$.errors[0]")
			.value(String.class, (error) -> assertThat(error).contains("Field required"));
	}

	@Test
	void rateLimitIs429() {
		this.skyvern.stubWorkflow("wpid_x").failsToStart(429, "Rate limit exceeded");
		expectProblem("wpid_x", HttpStatus.TOO_MANY_REQUESTS, 429);
	}

	@Test
	void rejectedApiKeyIs502AndNeverShowsTheKey() {
		this.skyvern.stubWorkflow("wpid_x").failsToStart(403, "Invalid credentials");
		expectProblem("wpid_x", HttpStatus.BAD_GATEWAY, 403);
	}

	@Test
	void skyvernServerErrorIs502() {
		this.skyvern.stubWorkflow("wpid_x").failsToStart(500, "Unexpected error: database unavailable");
		expectProblem("wpid_x", HttpStatus.BAD_GATEWAY, 500).jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).contains("database unavailable"));
	}

	@Test
	void malformedSkyvernAnswerIs502() {
		this.skyvern.wireMock()
			.stubFor(WireMock.post("/v1/run/agents").willReturn(WireMock.okJson("{\"unexpected\":true}")));
		this.client.post()
			.uri("/workflows/wpid_x/runs")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_GATEWAY)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void waitThatRunsOutIs202WithTheRunToFollow() {
		this.skyvern.stubWorkflow("wpid_slow").afterPolls(1_000_000);
		this.client.post()
			.uri("/workflows/wpid_slow/runs?wait=true")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.valueMatches("Location", "/runs/wr_\\d+")
			.expectBody()
			.jsonPath("$.run_id")
			.exists()
			.jsonPath("$.status")
			.isEqualTo("running");
	}

	@Test
	void unknownRunIs404AndCancelReturnsTheCanceledRun() {
		this.client.get().uri("/runs/wr_missing").exchange().expectStatus().isNotFound();
		this.skyvern.stubWorkflow("wpid_x").afterPolls(100);
		String runId = this.client.post()
			.uri("/workflows/wpid_x/runs")
			.exchange()
			.expectBody(java.util.Map.class)
			.returnResult()
			.getResponseBody()
			.get("run_id")
			.toString();
		this.client.post()
			.uri("/runs/{runId}/cancel", runId)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("canceled");
		this.skyvern.assertRunCanceled(runId);
	}

	private RestTestClient.BodyContentSpec expectProblem(String workflowId, HttpStatus status, int skyvernStatus) {
		RestTestClient.BodyContentSpec body = this.client.post()
			.uri("/workflows/{workflowId}/runs", workflowId)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
		body.jsonPath("$.status")
			.isEqualTo(status.value())
			.jsonPath("$.skyvern_status")
			.isEqualTo(skyvernStatus);
		assertThat(new String(body.returnResult().getResponseBodyContent())).doesNotContain(KEY);
		return body;
	}

}
