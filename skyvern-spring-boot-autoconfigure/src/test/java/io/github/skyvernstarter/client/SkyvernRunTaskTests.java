package io.github.skyvernstarter.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.oas.OpenApi31;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.model.ProxyLocation;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Tests for {@code runTask} on both faces: every field where Skyvern reads it (and valid against the
 * closed {@code TaskRunRequest-Input} schema of openapi.json, title token included), the webhook URL
 * default, waiting, and no re-send after an ambiguous failure of a task without title token.
 */
class SkyvernRunTaskTests {

	private static final String TASKS = "/v1/run/tasks";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final JsonMetaSchema OPENAPI_DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance())
		.keywords(Stream.of("openapi", "info", "servers", "paths", "components", "security", "tags", "webhooks")
			.map(NonValidationKeyword::new)
			.toList())
		.build();

	private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.metaSchema(OPENAPI_DIALECT).defaultMetaSchemaIri(OPENAPI_DIALECT.getIri()));

	private static WireMockServer wiremock;

	private ReactiveSkyvernWorkflowTemplate reactive;

	@BeforeAll
	static void startServer() {
		wiremock = new WireMockServer(options().dynamicPort());
		wiremock.start();
	}

	@AfterAll
	static void stopServer() {
		wiremock.stop();
	}

	@BeforeEach
	void setUp() {
		wiremock.resetAll();
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(json(task("created"))));
		this.reactive = template(null);
	}

	@Test
	void minimalTaskSendsThePromptAndTheTitleTokenOnly() throws Exception {
		SkyvernRun run = new SkyvernWorkflowTemplate(this.reactive).runTask(TaskRunRequest.builder("Find it").build());
		assertThat(run.runId()).isEqualTo("tsk_1");
		assertThat(run.runType()).isEqualTo(RunType.TASK_V1);
		assertThat(run.isWorkflowRun()).isFalse();
		LoggedRequest request = onlyPost();
		JsonNode body = JSON.readTree(request.getBodyAsString());
		assertThat(fieldNames(body)).containsExactly("prompt", "title");
		assertThat(body.get("prompt").asText()).isEqualTo("Find it");
		assertThat(body.get("title").asText()).matches("\\[client-request-id:[0-9a-f-]{36}\\]");
		assertThat(request.containsHeader("x-user-agent")).isFalse();
		assertThat(request.containsHeader("x-max-steps-override")).isFalse();
	}

	@Test
	void everyFieldGoesWhereSkyvernReadsItAndTheBodyConformsToTheClosedSchema() throws Exception {
		this.reactive.runTask(everyField()).block();
		LoggedRequest request = onlyPost();
		JsonNode body = JSON.readTree(request.getBodyAsString());
		assertThat(body.get("prompt").asText()).isEqualTo("Find the top post");
		assertThat(body.get("url").asText()).isEqualTo("https://news.ycombinator.com");
		assertThat(body.get("engine").asText()).isEqualTo("skyvern-1.0");
		assertThat(body.get("proxy_location").asText()).isEqualTo("RESIDENTIAL_DE");
		assertThat(body.get("data_extraction_schema").get("type").asText()).isEqualTo("object");
		assertThat(body.get("error_code_mapping").get("NOT_FOUND").asText()).isEqualTo("no post");
		assertThat(body.get("max_steps").asInt()).isEqualTo(12);
		assertThat(body.get("start_fresh_browser").asBoolean()).isTrue();
		assertThat(body.get("model").get("name").asText()).isEqualTo("gpt-4.1");
		assertThat(body.get("title").asText()).matches("HN top post \\[client-request-id:[0-9a-f-]{36}\\]");
		assertThat(request.getHeader("x-user-agent")).isEqualTo("Mozilla/5.0");
		JsonNode openApi = JSON.readTree(getClass().getClassLoader().getResourceAsStream("skyvern/openapi.json"));
		assertThat(fieldNames(body))
			.isEqualTo(fieldNames(openApi.at("/components/schemas/TaskRunRequest-Input/properties")));
		JsonSchema closed = SCHEMAS.getSchema(SchemaLocation.of("classpath:skyvern/closed.json"),
				JSON.createObjectNode()
					.put("$ref", "classpath:skyvern/openapi.json#/components/schemas/TaskRunRequest-Input")
					.put("unevaluatedProperties", false));
		assertThat(closed.validate(body)).isEmpty();
		JsonSchema header = SCHEMAS.getSchema(SchemaLocation.of("classpath:skyvern/openapi.json#/paths/~1v1~1run~1tasks"
				+ "/post/parameters/1/schema"));
		assertThat(header.validate(JSON.valueToTree("Mozilla/5.0"))).isEmpty();
	}

	@Test
	void webhookUrlDefaultsToTheReceiversUnlessTheRequestNamesOne() throws Exception {
		this.reactive = template("https://app.example.com/skyvern/webhooks");
		this.reactive.runTask(TaskRunRequest.builder("a").build()).block();
		this.reactive.runTask(TaskRunRequest.builder("b").webhookUrl("https://other.example.com/hook").build()).block();
		List<LoggedRequest> posts = wiremock.findAll(postRequestedFor(urlPathEqualTo(TASKS)));
		assertThat(JSON.readTree(posts.get(0).getBodyAsString()).get("webhook_url").asText())
			.isEqualTo("https://app.example.com/skyvern/webhooks");
		assertThat(JSON.readTree(posts.get(1).getBodyAsString()).get("webhook_url").asText())
			.isEqualTo("https://other.example.com/hook");
	}

	@Test
	void waitsForTheTasksFinalStatusWhenAsked() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/tsk_1")).willReturn(json(task("completed"))));
		SkyvernRun run = this.reactive.runTask(TaskRunRequest.builder("a").waitForCompletion(Duration.ofMinutes(1)).build())
			.block();
		assertThat(run.status()).isSameAs(RunStatus.COMPLETED);
		assertThat(run.outputAs(Map.class)).containsEntry("title", "Top");
	}

	@Test
	void anAmbiguousFailureOfATaskWithoutTitleTokenIsNeverSentAgain() {
		// skyvern-2.0 ignores the title: no token to look the start up by (SkyvernExactlyOnceTaskStartTests).
		wiremock.stubFor(post(urlPathEqualTo(TASKS)).willReturn(aResponse().withStatus(503)));
		SkyvernServerException failure = catchThrowableOfType(SkyvernServerException.class,
				() -> this.reactive.runTask(TaskRunRequest.builder("a").engine("skyvern-2.0").build()).block());
		assertThat(failure.runMayHaveBeenCreated()).isTrue();
		assertThat(wiremock.findAll(postRequestedFor(urlPathEqualTo(TASKS)))).hasSize(1);
	}

	@Test
	void refusesWhatSkyvernWouldRefuseOrMisread() {
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRunRequest.builder(" ").build());
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRunRequest.builder("a").userAgent("skyvern-ui").build());
		assertThatIllegalArgumentException().isThrownBy(() -> TaskRunRequest.builder("a").flag("prompt", true));
	}

	private static TaskRunRequest everyField() {
		return TaskRunRequest.builder("Find the top post")
			.url("https://news.ycombinator.com")
			.engine("skyvern-1.0")
			.title("HN top post")
			.proxyLocation(ProxyLocation.named("RESIDENTIAL_DE"))
			.dataExtractionSchema(Map.of("type", "object", "properties", Map.of("title", Map.of("type", "string"))))
			.errorCodeMapping(Map.of("NOT_FOUND", "no post"))
			.maxSteps(12)
			.webhookUrl("https://hooks.example.com/skyvern")
			.totp("billing@example.com", "https://totp.example.com/codes")
			.browser("pbs_1", "bp_1", "ws://127.0.0.1:9222/devtools/browser/1")
			.flag("start_fresh_browser", true)
			.flag("publish_workflow", false)
			.flag("include_action_history_in_verification", true)
			.model(Map.of("name", "gpt-4.1"))
			.headers(Map.of("Accept-Language", "de-DE"), Map.of("Authorization", "Bearer cdp"))
			.run(3, "agent")
			.userAgent("Mozilla/5.0")
			.build();
	}

	private ReactiveSkyvernWorkflowTemplate template(String webhookUrl) {
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-test", Duration.ofSeconds(10), SkyvernRetryPolicy.none());
		return ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(Duration.ofMinutes(1), Duration.ofMillis(10)))
			.taskWebhookUrl(webhookUrl)
			.build();
	}

	private static LoggedRequest onlyPost() {
		List<LoggedRequest> posts = wiremock.findAll(postRequestedFor(urlPathEqualTo(TASKS)));
		assertThat(posts).hasSize(1);
		return posts.get(0);
	}

	private static Set<String> fieldNames(JsonNode object) {
		Set<String> names = new TreeSet<>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private static String task(String status) {
		return "{\"run_id\":\"tsk_1\",\"status\":\"" + status + "\",\"run_type\":\"task_v1\",\"output\":"
				+ ("completed".equals(status) ? "{\"title\":\"Top\"}" : "null") + "}";
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

}
