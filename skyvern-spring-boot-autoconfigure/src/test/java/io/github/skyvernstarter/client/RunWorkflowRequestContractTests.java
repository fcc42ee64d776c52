package io.github.skyvernstarter.client;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.github.skyvernstarter.model.ProxyLocation;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract tests: every run request body this client puts on the wire conforms to the
 * {@code WorkflowRunRequest-Input} schema of Skyvern's own OpenAPI 3.1 document.
 * <p>
 * Bodies are captured by a WireMock server from real {@link SkyvernApiClient#runWorkflow} calls, so
 * what is validated is exactly what Skyvern would receive. Besides the schema as published, each body
 * is checked against a closed variant ({@code unevaluatedProperties: false}): Skyvern ignores unknown
 * body keys, so a misspelt field name would otherwise pass the schema and be silently dropped.
 */
class RunWorkflowRequestContractTests {

	private static final String OPENAPI = "classpath:skyvern/openapi.json";

	private static final String REQUEST_SCHEMA = OPENAPI + "#/components/schemas/WorkflowRunRequest-Input";

	private static final String RESPONSE_SCHEMA = OPENAPI + "#/components/schemas/WorkflowRunResponse";

	private static final ObjectMapper JSON = new ObjectMapper();

	// The OpenAPI 3.1 dialect (draft 2020-12 plus OpenAPI's keywords); the document's own top-level keys
	// are declared so that loading schemas out of it does not warn about unknown keywords.
	private static final JsonMetaSchema OPENAPI_DIALECT = JsonMetaSchema.builder(OpenApi31.getInstance())
		.keywords(Stream.of("openapi", "info", "servers", "paths", "components", "security", "tags", "webhooks")
			.map(NonValidationKeyword::new)
			.toList())
		.build();

	private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
			(builder) -> builder.metaSchema(OPENAPI_DIALECT).defaultMetaSchemaIri(OPENAPI_DIALECT.getIri()));

	private static WireMockServer wiremock;

	private static JsonSchema requestSchema;

	private static JsonSchema closedRequestSchema;

	private SkyvernApiClient client;

	@BeforeAll
	static void startServerAndLoadSchemas() {
		wiremock = new WireMockServer(options().dynamicPort());
		wiremock.start();
		requestSchema = SCHEMAS.getSchema(SchemaLocation.of(REQUEST_SCHEMA));
		closedRequestSchema = closed(REQUEST_SCHEMA);
	}

	@AfterAll
	static void stopServer() {
		wiremock.stop();
	}

	@BeforeEach
	void setUp() {
		wiremock.resetAll();
		wiremock.stubFor(post(urlPathEqualTo("/v1/run/agents")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"run_id\":\"wr_1\",\"status\":\"created\",\"run_type\":\"workflow_run\"}")));
		this.client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(), "sk-test-key",
				Duration.ofSeconds(5), SkyvernRetryPolicy.none());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requests")
	void bodyOnTheWireConformsToWorkflowRunRequestSchema(RunWorkflowRequest request) throws IOException {
		JsonNode body = send(request, RequestOptions.none());
		assertThat(errors(requestSchema, body)).as(body.toString()).isEmpty();
		assertThat(errors(closedRequestSchema, body)).as(body.toString()).isEmpty();
	}

	@Test
	void bodyWithEveryFieldSetUsesEveryFieldOfTheSchema() throws IOException {
		JsonNode body = send(everyField(ProxyLocation.named("RESIDENTIAL_DE")), RequestOptions.none());
		JsonNode properties = JSON.readTree(openApiDocument())
			.at("/components/schemas/WorkflowRunRequest-Input/properties");
		assertThat(fieldNames(body)).isEqualTo(fieldNames(properties));
	}

	@Test
	void validatorRejectsBodyWithWrongType() throws IOException {
		RequestOptions wrongType = RequestOptions.builder().bodyParameter("max_elapsed_time_minutes", "sixty").build();
		JsonNode body = send(RunWorkflowRequest.builder("wpid_1").build(), wrongType);
		assertThat(errors(requestSchema, body)).anySatisfy(
				(message) -> assertThat(message).contains("max_elapsed_time_minutes").contains("integer"));
	}

	@Test
	void validatorRejectsBodyWithoutAgentIdOrWithValueOutOfRange() throws IOException {
		assertThat(errors(requestSchema, JSON.readTree("{\"parameters\":{}}"))).anySatisfy(
				(message) -> assertThat(message).contains("agent_id"));
		assertThat(errors(requestSchema, JSON.readTree("{\"agent_id\":\"wpid_1\",\"max_elapsed_time_minutes\":481}")))
			.isNotEmpty();
		assertThat(errors(requestSchema, JSON.readTree("{\"agent_id\":\"wpid_1\",\"run_metadata\":{\"a\":1}}")))
			.isNotEmpty();
		assertThat(errors(requestSchema, JSON.readTree("{\"agent_id\":\"wpid_1\",\"proxy_location\":\"MARS\"}")))
			.isNotEmpty();
	}

	@Test
	void closedSchemaRejectsFieldsTheServerDoesNotDeclare() throws IOException {
		JsonNode body = JSON.readTree("{\"agent_id\":\"wpid_1\",\"wait_for_completion\":true,\"timeout\":1800}");
		assertThat(errors(requestSchema, body)).isEmpty();
		assertThat(errors(closedRequestSchema, body)).hasSize(2)
			.anySatisfy((message) -> assertThat(message).contains("wait_for_completion"))
			.anySatisfy((message) -> assertThat(message).contains("timeout"));
	}

	@Test
	void fullResponseFixtureConformsToWorkflowRunResponseSchema() throws IOException {
		// The parsing tests rely on this fixture carrying every field of WorkflowRunResponse and nothing else.
		JsonNode fixture;
		try (InputStream in = resource("skyvern/workflow-run-response-full.json")) {
			fixture = JSON.readTree(in);
		}
		assertThat(errors(SCHEMAS.getSchema(SchemaLocation.of(RESPONSE_SCHEMA)), fixture)).isEmpty();
		assertThat(errors(closed(RESPONSE_SCHEMA), fixture)).isEmpty();
		assertThat(fieldNames(fixture)).isEqualTo(
				fieldNames(JSON.readTree(openApiDocument()).at("/components/schemas/WorkflowRunResponse/properties")));
	}

	static Stream<Named<RunWorkflowRequest>> requests() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("text", "Café Zürich – 東京");
		parameters.put("number", 3);
		parameters.put("decimal", 12.5);
		parameters.put("flag", true);
		parameters.put("nothing", null);
		parameters.put("list", List.of("a", 1, false));
		parameters.put("object", Map.of("nested", Map.of("deeper", List.of(1, 2))));
		return Stream.of(Named.of("minimal", RunWorkflowRequest.builder("wpid_1").build()),
				Named.of("minimal with wait and timeout",
						RunWorkflowRequest.builder("wpid_1").waitTimeout(Duration.ofMinutes(5)).build()),
				Named.of("every field, named proxy", everyField(ProxyLocation.named("RESIDENTIAL_DE"))),
				Named.of("every field, geo proxy", everyField(ProxyLocation.geo("US", "CA", "San Francisco"))),
				Named.of("geo proxy with country only",
						RunWorkflowRequest.builder("wpid_1")
							.proxyLocation(ProxyLocation.geo("DE", null, null))
							.build()),
				Named.of("geo proxy with city only",
						RunWorkflowRequest.builder("wpid_1")
							.proxyLocation(ProxyLocation.geo("GB", null, "London"))
							.build()),
				Named.of("proxy RESIDENTIAL",
						RunWorkflowRequest.builder("wpid_1").proxyLocation(ProxyLocation.RESIDENTIAL).build()),
				Named.of("proxy RESIDENTIAL_ISP",
						RunWorkflowRequest.builder("wpid_1").proxyLocation(ProxyLocation.RESIDENTIAL_ISP).build()),
				Named.of("proxy NONE", RunWorkflowRequest.builder("wpid_1").proxyLocation(ProxyLocation.NONE).build()),
				Named.of("deprecated proxy US-CA",
						RunWorkflowRequest.builder("wpid_1").proxyLocation(ProxyLocation.named("US-CA")).build()),
				Named.of("parameters of every JSON type",
						RunWorkflowRequest.builder("wpid_1").parameters(parameters).build()),
				Named.of("run with code, no AI fallback",
						RunWorkflowRequest.builder("wpid_1").runWith("code").aiFallback(false).build()),
				Named.of("run with agent", RunWorkflowRequest.builder("wpid_1").runWith("agent").build()),
				Named.of("header and query parameters only",
						RunWorkflowRequest.builder("wpid_1").maxStepsOverride(5).userAgent("Mozilla/5.0").template(true)
							.build()),
				Named.of("time limits at the bounds",
						RunWorkflowRequest.builder("wpid_1")
							.maxElapsedTimeMinutes(480)
							.maxScreenshotScrolls(0)
							.build()),
				Named.of("twenty run metadata entries",
						RunWorkflowRequest.builder("wpid_1").runMetadata(metadata(20)).build()),
				Named.of("false booleans",
						RunWorkflowRequest.builder("wpid_1")
							.reuseBrowserSession(false)
							.startFreshBrowser(false)
							.aiFallback(false)
							.build()));
	}

	private static RunWorkflowRequest everyField(ProxyLocation proxyLocation) {
		return RunWorkflowRequest.builder("wpid_486305187432193470")
			.parameter("invoice_month", "2026-07")
			.parameter("max_pages", 3)
			.waitTimeout(Duration.ofMinutes(10))
			.runWith("code")
			.aiFallback(true)
			.browserSessionId("pbs_486305187432193481")
			.browserProfileId("bp_486305187432193492")
			.proxyLocation(proxyLocation)
			.maxStepsOverride(25)
			.webhookUrl("https://hooks.example.com/skyvern")
			.title("Invoice Downloader")
			.totpIdentifier("billing@example.com")
			.totpUrl("https://totp.example.com/codes")
			.template(true)
			.userAgent("Mozilla/5.0 (X11; Linux x86_64)")
			.extraHttpHeaders(Map.of("Accept-Language", "de-DE"))
			.maxScreenshotScrolls(3)
			.browserAddress("ws://127.0.0.1:9222/devtools/browser/1234")
			.reuseBrowserSession(true)
			.startFreshBrowser(true)
			.maxElapsedTimeMinutes(60)
			.cdpConnectHeaders(Map.of("x-api-key", "browser-provider-key"))
			.runMetadata(Map.of("tenant", "acme", "source", "contract-test"))
			.build();
	}

	private JsonNode send(RunWorkflowRequest request, RequestOptions options) throws IOException {
		this.client.runWorkflow(request, options).block(Duration.ofSeconds(10));
		List<LoggedRequest> received = wiremock.findAll(postRequestedFor(urlPathEqualTo("/v1/run/agents")));
		assertThat(received).hasSize(1);
		return JSON.readTree(received.get(0).getBodyAsString());
	}

	private static JsonSchema closed(String location) {
		return SCHEMAS.getSchema(SchemaLocation.of("classpath:skyvern/closed.json"),
				JSON.createObjectNode().put("$ref", location).put("unevaluatedProperties", false));
	}

	private static List<String> errors(JsonSchema schema, JsonNode body) {
		List<String> errors = new ArrayList<>();
		for (ValidationMessage message : schema.validate(body)) {
			errors.add(message.getMessage());
		}
		return errors;
	}

	private static Set<String> fieldNames(JsonNode object) {
		Set<String> names = new TreeSet<>();
		object.fieldNames().forEachRemaining(names::add);
		return names;
	}

	private static byte[] openApiDocument() throws IOException {
		try (InputStream in = resource("skyvern/openapi.json")) {
			return in.readAllBytes();
		}
	}

	private static InputStream resource(String name) {
		InputStream in = RunWorkflowRequestContractTests.class.getClassLoader().getResourceAsStream(name);
		assertThat(in).as(name).isNotNull();
		return in;
	}

	private static Map<String, String> metadata(int size) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (int i = 0; i < size; i++) {
			metadata.put("key" + i, "value" + i);
		}
		return metadata;
	}

}
