package io.github.skyvernstarter.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract tests for the run support calls, next to {@code RunWorkflowRequestContractTests}: every
 * request they put on the wire matches an operation of Skyvern's OpenAPI document (method and path),
 * sends only query parameters and headers that operation declares, with values its schemas accept, and
 * a body that conforms to its request schema, also closed against undeclared fields.
 */
class RunSupportContractTests {

	private static WireMockServer wiremock;

	private ReactiveSkyvernWorkflowTemplate template;

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
		// Any answer will do: only the requests are checked.
		wiremock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
		SkyvernApiClient client = new SkyvernApiClient(WebClient.builder().baseUrl(wiremock.baseUrl()).build(),
				"sk-contract", Duration.ofSeconds(5), SkyvernRetryPolicy.none());
		this.template = ReactiveSkyvernWorkflowTemplate.builder(client).build();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("calls")
	void requestOnTheWireConformsToTheOperationInOpenApi(Consumer<ReactiveSkyvernWorkflowTemplate> call) {
		call.accept(this.template);
		List<LoggedRequest> received = wiremock.findAll(anyRequestedFor(anyUrl()));
		assertThat(received).isNotEmpty();
		for (LoggedRequest request : received) {
			assertThat(violations(request)).as(request.getMethod() + " " + request.getUrl()).isEmpty();
		}
	}

	@org.junit.jupiter.api.Test
	void checkFindsUndeclaredParametersWrongValuesAndUndeclaredBodyFields() {
		this.template.listWorkflows(ListWorkflowsRequest.firstPage(),
				RequestOptions.builder().queryParameter("pagesize", "5").build()).onErrorComplete().block();
		this.template.listWorkflows(ListWorkflowsRequest.firstPage().withStatuses("archived")).onErrorComplete().block();
		this.template.cancelRuns(List.of("wr_1"), RequestOptions.builder().bodyParameter("reason", "x").build())
			.onErrorComplete()
			.block();
		List<LoggedRequest> received = wiremock.findAll(anyRequestedFor(anyUrl()));
		assertThat(violations(received.get(0))).anySatisfy((v) -> assertThat(v).contains("pagesize"));
		assertThat(violations(received.get(1))).isNotEmpty();
		assertThat(violations(received.get(2))).anySatisfy((v) -> assertThat(v).contains("reason"));
	}

	static List<Named<Consumer<ReactiveSkyvernWorkflowTemplate>>> calls() {
		return List.of(call("timeline", (t) -> t.getRunTimeline("wr_1")),
				call("artifacts, all types", (t) -> t.getRunArtifacts("wr_1")),
				call("artifacts of three types",
						(t) -> t.getRunArtifacts("wr_1", ArtifactType.DOWNLOAD, ArtifactType.RECORDING,
								ArtifactType.SCREENSHOT_FINAL)),
				call("retry", (t) -> t.retryRun("wr_1")),
				call("retry with step limit",
						(t) -> t.retryRun(RetryRunRequest.of("wr_1").withMaxStepsOverride(7), RequestOptions.none())),
				call("cancel runs", (t) -> t.cancelRuns(List.of("wr_1", "tsk_2"))),
				call("cancel 101 runs",
						(t) -> t.cancelRuns(java.util.stream.IntStream.range(0, 101).mapToObj((i) -> "wr_" + i).toList())),
				call("workflow", (t) -> t.getWorkflow("wpid_1")),
				call("workflow version", (t) -> t.getWorkflow("wpid_1", 4, RequestOptions.none())),
				call("workflows, first page", (t) -> t.listWorkflows(ListWorkflowsRequest.firstPage())),
				call("workflows, every filter",
						(t) -> t.listWorkflows(ListWorkflowsRequest.firstPage()
							.withPage(3, 50)
							.withSearchKey("invoice")
							.withFolderId("fld_1")
							.withStatuses("published", "auto_generated"))),
				call("verification code", (t) -> t.sendVerificationCode(VerificationCodeRequest.of("me@example.com", "123456"))),
				call("verification code, every field",
						(t) -> t.sendVerificationCode(new VerificationCodeRequest("me@example.com",
								"Your code is 123456", "wr_1", "tsk_1", "w_1", "email",
								Instant.parse("2026-08-22T18:40:00Z")))));
	}

	private static Named<Consumer<ReactiveSkyvernWorkflowTemplate>> call(String name,
			java.util.function.Function<ReactiveSkyvernWorkflowTemplate, reactor.core.publisher.Mono<?>> call) {
		return Named.of(name, (template) -> call.apply(template).onErrorComplete().block(Duration.ofSeconds(10)));
	}

	private static List<String> violations(LoggedRequest request) {
		URI uri = URI.create(request.getUrl());
		String method = request.getMethod().getName().toLowerCase();
		JsonNode operation = operation(method, uri.getRawPath());
		if (operation == null) {
			return List.of("no operation " + method + " " + uri.getRawPath() + " in openapi.json");
		}
		List<String> violations = new ArrayList<>();
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(uri).build().getQueryParams();
		query.forEach((name, values) -> {
			JsonNode parameter = parameter(operation, "query", name);
			if (parameter == null) {
				violations.add("undeclared query parameter " + name);
				return;
			}
			violations.addAll(OpenApiSpec.errors(OpenApiSpec.inline(parameter.get("schema")), queryValue(parameter, values)));
		});
		for (String header : List.of("x-max-steps-override", "x-user-agent", "x-api-key")) {
			if (request.containsHeader(header)) {
				JsonNode parameter = parameter(operation, "header", header);
				if (parameter == null) {
					violations.add("undeclared header " + header);
				}
			}
		}
		JsonNode body = operation.at("/requestBody/content/application~1json/schema");
		String received = request.getBodyAsString();
		if (body.isMissingNode()) {
			if (!received.isEmpty()) {
				violations.add("a body where the operation takes none: " + received);
			}
		}
		else {
			String schema = body.get("$ref").asText().substring("#/components/schemas/".length());
			try {
				JsonNode json = OpenApiSpec.JSON.readTree(received);
				violations.addAll(OpenApiSpec.errors(OpenApiSpec.component(schema), json));
				violations.addAll(OpenApiSpec.errors(OpenApiSpec.closedComponent(schema), json));
			}
			catch (Exception ex) {
				violations.add("body is not JSON: " + received);
			}
		}
		return violations;
	}

	private static JsonNode queryValue(JsonNode parameter, List<String> values) {
		// Query values are text on the wire; read them as the JSON the schema describes.
		String schema = parameter.get("schema").toString();
		ArrayNode array = OpenApiSpec.JSON.createArrayNode();
		for (String value : values) {
			String decoded = java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
			array.add(schema.contains("\"integer\"") && decoded.matches("-?\\d+")
					? OpenApiSpec.JSON.getNodeFactory().numberNode(Long.parseLong(decoded))
					: OpenApiSpec.JSON.getNodeFactory().textNode(decoded));
		}
		return (schema.contains("\"array\"")) ? array : array.get(0);
	}

	private static JsonNode parameter(JsonNode operation, String in, String name) {
		for (JsonNode parameter : operation.path("parameters")) {
			if (parameter.get("in").asText().equals(in) && parameter.get("name").asText().equalsIgnoreCase(name)) {
				return parameter;
			}
		}
		return null;
	}

	private static JsonNode operation(String method, String path) {
		Iterator<Map.Entry<String, JsonNode>> paths = OpenApiSpec.document().get("paths").fields();
		while (paths.hasNext()) {
			Map.Entry<String, JsonNode> entry = paths.next();
			Pattern template = Pattern.compile(entry.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
			if (template.matcher(path).matches() && entry.getValue().has(method)) {
				return entry.getValue().get(method);
			}
		}
		return null;
	}

}
