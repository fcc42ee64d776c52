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
		// Retry-After is honoured up to max-retry-after: kept short, so a 429 retried by the client takes no time.
		properties = { "skyvern.api-key=sk_live_secret_key_1234", "sample.wait-timeout=200ms",
				"skyvern.retry.max-retry-after=1ms" })
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
	void runIdsWithSpacesSlashesOrNonAsciiCharactersAreEncodedInTheLocation() {
		String runId = "wr 1/ü?x#y";
		this.skyvern.wireMock()
			.stubFor(WireMock.post("/v1/run/agents")
				.willReturn(WireMock.okJson("{\"run_id\":\"wr 1/\u00fc?x#y\",\"status\":\"created\"}")));
		this.client.post()
			.uri("/workflows/wpid_x/runs")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/runs/wr%201%2F%C3%BC%3Fx%23y")
			.expectBody()
			.jsonPath("$.run_id")
			.isEqualTo(runId);
		this.skyvern.wireMock()
			.stubFor(WireMock.get(WireMock.urlPathMatching("/v1/runs/.*"))
				.willReturn(WireMock.okJson("{\"run_id\":\"wr 1/\u00fc?x#y\",\"status\":\"running\"}")));
		this.client.post()
			.uri("/workflows/wpid_x/runs?wait=true")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.valueEquals("Location", "/runs/wr%201%2F%C3%BC%3Fx%23y");
	}

	@Test
	void aProxysHtmlPageIsNotPassedOn() {
		String page = "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx/1.25.3 upstream 10.0.3.7:8000"
				+ "</body>\n</html>";
		this.skyvern.wireMock()
			.stubFor(WireMock.post("/v1/run/agents")
				.willReturn(WireMock.aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody(page)));
		RestTestClient.BodyContentSpec body = expectProblem("wpid_x", HttpStatus.BAD_GATEWAY, 502);
		body.jsonPath("$.detail").isEqualTo("Skyvern answered 502");
		assertThat(new String(body.returnResult().getResponseBodyContent())).doesNotContain("nginx")
			.doesNotContain("10.0.3.7")
			.doesNotContain("<");
	}

	@Test
	void skyvernsDetailIsPassedOnBoundedToOneShortLine() {
		this.skyvern.stubWorkflow("wpid_x").failsToStart(400, "Invalid parameter: " + "x".repeat(5_000));
		expectProblem("wpid_x", HttpStatus.BAD_REQUEST, 400).jsonPath("$.detail")
			.value(String.class, (detail) -> assertThat(detail).startsWith("Skyvern answered 400: Invalid parameter: xxx")
				.hasSizeLessThanOrEqualTo("Skyvern answered 400: ".length() + SkyvernErrorHandler.MAX_DETAIL_LENGTH + 3));
	}

	@Test
	void retryAfterIsCapped() {
		this.skyvern.wireMock()
			.stubFor(WireMock.post("/v1/run/agents")
				.willReturn(WireMock.aResponse()
					.withStatus(429)
					.withHeader("Retry-After", "2337991773")
					.withHeader("Content-Type", "application/json")
					.withBody("{\"detail\":\"Rate limit exceeded\"}")));
		this.client.post()
			.uri("/workflows/wpid_x/runs")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
			.expectHeader()
			.valueEquals("Retry-After", Long.toString(SkyvernErrorHandler.MAX_RETRY_AFTER_SECONDS));
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
			// The last status seen: the POST's answer, or a poll's if one came within the wait on a busy machine.
			.value(String.class, (status) -> assertThat(status).isIn("created", "queued", "running"));
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
