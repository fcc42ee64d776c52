package io.github.skyvernstarter.sample;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.RecordedTaskRequest;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of {@code POST /tasks} and {@code GET /runs} in online mode: a real
 * {@code skyvern.api-key}, so the sample starts no simulator, and {@code skyvern.base-url} pointing at
 * the test kit's Skyvern stub on a random port, which records what it received.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "skyvern.api-key=" + SampleTasksAndRunListOnlineTests.KEY, "sample.demo.enabled=false" })
@AutoConfigureSkyvernStub
class SampleTasksAndRunListOnlineTests {

	static final String KEY = "sk_live_online_tasks_5e21";

	private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
	};

	private static final String TOKEN = "\\[client-request-id:[0-9a-f-]{36}\\]";

	@LocalServerPort
	private int port;

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowOperations operations;

	@Autowired
	private ApplicationContext context;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void runsOnlineAgainstTheConfiguredServer() {
		assertThat(this.context.containsBean("skyvernSimulator")).isFalse();
		assertThat(this.context.getEnvironment().getProperty("sample.offline")).isNull();
		assertThat(this.context.getEnvironment().getProperty("skyvern.base-url")).isEqualTo(this.skyvern.baseUrl());
	}

	@Test
	void startsATaskAndWaitsForIt() {
		this.skyvern.tasks().completesWith(Map.of("price", "12.50")).afterPolls(2);
		this.client.post()
			.uri("/tasks?wait=true")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"prompt\":\"Find the price\",\"url\":\"https://shop.example.com\",\"title\":\"Prices\","
					+ "\"max_steps\":5}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueMatches("Location", "/runs/tsk_\\d+")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("completed")
			.jsonPath("$.output.price")
			.isEqualTo("12.50");
		RecordedTaskRequest request = this.skyvern.tasks().assertStarted();
		request.hasPrompt("Find the price")
			.hasUrl("https://shop.example.com")
			.hasBodyField("max_steps", 5)
			.hasHeader("x-api-key", KEY);
		// A 1.0 task carries the exactly-once token after the caller's title.
		assertThat(request.title()).matches("Prices " + TOKEN);
		assertThat(request.body().has("engine")).isFalse();
	}

	@Test
	void startsATaskWithoutWaiting() {
		this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"prompt\":\"Log in\",\"url\":\"https://example.com\",\"engine\":\"skyvern-2.0\",\"title\":\"Login\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.run_id")
			.value(String.class, (runId) -> assertThat(runId).startsWith("tsk_v2_"))
			.jsonPath("$.status")
			.isEqualTo("created");
		RecordedTaskRequest request = this.skyvern.tasks().assertStarted();
		// skyvern-2.0 ignores the title: it goes as it is.
		request.hasPrompt("Log in").hasBodyField("engine", "skyvern-2.0").hasBodyField("title", "Login");
		assertThat(this.skyvern.runStatus(request.runId()).value()).isEqualTo("created");
	}

	@Test
	void aTaskStartThatFailsAfterSkyvernCreatedTheRunAnswersThatRun() {
		this.skyvern.failNextRunStartAfterCreating();
		this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"prompt\":\"Find the price\",\"url\":\"https://shop.example.com\"}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.run_id")
			.isEqualTo(this.skyvern.tasks().assertStarted().runId());
		assertThat(this.skyvern.tasks().requests()).hasSize(1);
	}

	@Test
	void listsRunsByWorkflowStatusAndTag() {
		String tagged = this.operations
			.runWorkflow(RunWorkflowRequest.builder("wpid_listed").runMetadata(Map.of("customer", "acme")).build())
			.runId();
		this.operations
			.runWorkflow(RunWorkflowRequest.builder("wpid_listed").runMetadata(Map.of("customer", "globex")).build());
		List<Map<String, Object>> runs = this.client.get()
			.uri("/runs?workflow=wpid_listed&status=created&tag=customer:acme&limit=5")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		assertThat(runs).extracting((run) -> run.get("run_id")).containsExactly(tagged);
		assertThat(runs.get(0)).containsEntry("workflow_permanent_id", "wpid_listed")
			.containsEntry("status", "created")
			.containsEntry("task_run_type", "workflow_run");
		List<LoggedRequest> listings = this.skyvern.wireMock().findAll(getRequestedFor(urlPathEqualTo("/v1/runs")));
		assertThat(listings).singleElement().satisfies((listing) -> {
			assertThat(listing.queryParameter("workflow_permanent_id").values()).containsExactly("wpid_listed");
			assertThat(listing.queryParameter("status").values()).containsExactly("created");
			assertThat(listing.queryParameter("tags").values()).containsExactly("customer:acme");
			assertThat(listing.queryParameter("page").firstValue()).isEqualTo("1");
			assertThat(listing.queryParameter("page_size").firstValue()).isEqualTo("5");
			assertThat(listing.getHeader("x-api-key")).isEqualTo(KEY);
		});
	}

	@Test
	void listsRunsWithoutFiltersAndRefusesABadTag() {
		this.client.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"prompt\":\"Check the site\"}")
			.exchange()
			.expectStatus()
			.isCreated();
		List<Map<String, Object>> runs = this.client.get()
			.uri("/runs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(LIST)
			.returnResult()
			.getResponseBody();
		assertThat(runs).singleElement().satisfies((run) -> assertThat(run.get("task_run_type")).isEqualTo("task_v1"));
		this.client.get().uri("/runs?tag=no-colon").exchange().expectStatus().isBadRequest();
		assertThat(this.skyvern.wireMock().findAll(getRequestedFor(urlPathEqualTo("/v1/runs")))).singleElement()
			.satisfies((listing) -> {
				assertThat(listing.queryParameter("tags").isPresent()).isFalse();
				assertThat(listing.queryParameter("workflow_permanent_id").isPresent()).isFalse();
				assertThat(listing.queryParameter("page_size").firstValue()).isEqualTo("20");
			});
	}

}
