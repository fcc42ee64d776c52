package io.github.skyvernstarter.client;

import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.skyvernstarter.autoconfigure.SkyvernAutoConfiguration;
import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernConflictException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.error.SkyvernServerException;
import io.github.skyvernstarter.error.SkyvernValidationException;
import io.github.skyvernstarter.model.ProxyLocation;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for what {@link SkyvernApiClient} puts on the wire and how it reads Skyvern's answers, asserted
 * on what a WireMock server received (API-NOTES.md is the reference for where each value goes).
 */
class SkyvernApiClientWireFormatTests {

	private static final String API_KEY = "sk-test-key-4f1c9e";

	private static final String RUN_CREATED = "{\"run_id\":\"wr_1\",\"status\":\"created\","
			+ "\"run_type\":\"workflow_run\","
			+ "\"created_at\":\"2026-08-22T18:30:00.160725\",\"modified_at\":\"2026-08-22T18:30:00.160725\"}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WireMockServer wiremock;

	private SkyvernApiClient client;

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
		this.client = new SkyvernApiClient(
				WebClient.builder()
					.baseUrl(wiremock.baseUrl())
					.defaultHeader("User-Agent", "skyvern-spring-boot-starter/test")
					.build(),
				API_KEY, Duration.ofSeconds(5), SkyvernRetryPolicy.none());
	}

	// Run: POST /v1/run/agents

	@Test
	void runWorkflowSendsOnlyAgentIdForMinimalRequest() {
		stubRunCreated();
		SkyvernRun run = run(RunWorkflowRequest.builder("wpid_1").build());
		assertThat(run.runId()).isEqualTo("wr_1");
		assertThat(run.status()).isSameAs(RunStatus.CREATED);
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/v1/run/agents");
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
		assertThat(body(request)).isEqualTo(json("{\"agent_id\":\"wpid_1\"}"));
		assertThat(request.containsHeader(SkyvernApiClient.MAX_STEPS_HEADER)).isFalse();
		assertThat(request.containsHeader(SkyvernApiClient.USER_AGENT_HEADER)).isFalse();
	}

	@Test
	void runWorkflowSendsEveryParameterWhereSkyvernReadsIt() {
		stubRunCreated();
		run(RunWorkflowRequest.builder("wpid_486305187432193470")
			.parameter("invoice_month", "2026-07")
			.parameter("max_pages", 3)
			.waitForCompletion()
			.waitTimeout(Duration.ofMinutes(10))
			.runWith("code")
			.aiFallback(true)
			.browserSessionId("pbs_1")
			.browserProfileId("bp_1")
			.proxyLocation(ProxyLocation.named("RESIDENTIAL_DE"))
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
			.startFreshBrowser(false)
			.maxElapsedTimeMinutes(60)
			.cdpConnectHeaders(Map.of("x-api-key", "browser-provider-key"))
			.runMetadata(Map.of("tenant", "acme"))
			.build());
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/v1/run/agents?template=true");
		assertThat(request.getHeader(SkyvernApiClient.MAX_STEPS_HEADER)).isEqualTo("25");
		assertThat(request.getHeader(SkyvernApiClient.USER_AGENT_HEADER)).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
		assertThat(body(request)).isEqualTo(json("""
				{"agent_id": "wpid_486305187432193470",
				 "parameters": {"invoice_month": "2026-07", "max_pages": 3},
				 "title": "Invoice Downloader",
				 "proxy_location": "RESIDENTIAL_DE",
				 "webhook_url": "https://hooks.example.com/skyvern",
				 "totp_url": "https://totp.example.com/codes",
				 "totp_identifier": "billing@example.com",
				 "browser_session_id": "pbs_1",
				 "reuse_browser_session": true,
				 "browser_profile_id": "bp_1",
				 "start_fresh_browser": false,
				 "max_screenshot_scrolls": 3,
				 "max_elapsed_time_minutes": 60,
				 "extra_http_headers": {"Accept-Language": "de-DE"},
				 "cdp_connect_headers": {"x-api-key": "browser-provider-key"},
				 "browser_address": "ws://127.0.0.1:9222/devtools/browser/1234",
				 "ai_fallback": true,
				 "run_with": "code",
				 "run_metadata": {"tenant": "acme"}}
				"""));
		assertNothingOnTheWireNamed(request, "wait_for_completion", "timeout", "workflow_id", "max_steps_override",
				"user_agent");
		assertThat(body(request).has("template")).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("bodyFields")
	void runWorkflowWritesEachBodyFieldUnderSkyvernsName(String field, UnaryOperator<RunWorkflowRequest.Builder> setter,
			String expectedJsonValue) {
		stubRunCreated();
		run(setter.apply(RunWorkflowRequest.builder("wpid_1")).build());
		LoggedRequest request = onlyRequest();
		assertThat(body(request))
			.isEqualTo(json("{\"agent_id\":\"wpid_1\",\"" + field + "\":" + expectedJsonValue + "}"));
		assertThat(request.getUrl()).isEqualTo("/v1/run/agents");
	}

	static Stream<Arguments> bodyFields() {
		return Stream.of(bodyField("parameters", (b) -> b.parameter("a", List.of(1, "two")), "{\"a\":[1,\"two\"]}"),
				bodyField("title", (b) -> b.title("T"), "\"T\""),
				bodyField("proxy_location", (b) -> b.proxyLocation(ProxyLocation.NONE), "\"NONE\""),
				bodyField("webhook_url", (b) -> b.webhookUrl("https://h.example.com"), "\"https://h.example.com\""),
				bodyField("totp_url", (b) -> b.totpUrl("https://t.example.com"), "\"https://t.example.com\""),
				bodyField("totp_identifier", (b) -> b.totpIdentifier("me@example.com"), "\"me@example.com\""),
				bodyField("browser_session_id", (b) -> b.browserSessionId("pbs_9"), "\"pbs_9\""),
				bodyField("reuse_browser_session", (b) -> b.reuseBrowserSession(false), "false"),
				bodyField("browser_profile_id", (b) -> b.browserProfileId("bp_9"), "\"bp_9\""),
				bodyField("start_fresh_browser", (b) -> b.startFreshBrowser(true), "true"),
				bodyField("max_screenshot_scrolls", (b) -> b.maxScreenshotScrolls(0), "0"),
				bodyField("max_elapsed_time_minutes", (b) -> b.maxElapsedTimeMinutes(480), "480"),
				bodyField("extra_http_headers", (b) -> b.extraHttpHeaders(Map.of("X-A", "1")), "{\"X-A\":\"1\"}"),
				bodyField("cdp_connect_headers", (b) -> b.cdpConnectHeaders(Map.of("X-B", "2")), "{\"X-B\":\"2\"}"),
				bodyField("browser_address", (b) -> b.browserAddress("http://127.0.0.1:9222"),
						"\"http://127.0.0.1:9222\""),
				bodyField("ai_fallback", (b) -> b.aiFallback(false), "false"),
				bodyField("run_with", (b) -> b.runWith("agent"), "\"agent\""),
				bodyField("run_metadata", (b) -> b.runMetadata(Map.of("k", "v")), "{\"k\":\"v\"}"));
	}

	private static Arguments bodyField(String field, UnaryOperator<RunWorkflowRequest.Builder> setter,
			String expectedJsonValue) {
		return Arguments.of(field, setter, expectedJsonValue);
	}

	@Test
	void runWorkflowOmitsEmptyMaps() {
		stubRunCreated();
		run(RunWorkflowRequest.builder("wpid_1")
			.parameters(Map.of())
			.extraHttpHeaders(Map.of())
			.cdpConnectHeaders(Map.of())
			.runMetadata(Map.of())
			.build());
		assertThat(body(onlyRequest())).isEqualTo(json("{\"agent_id\":\"wpid_1\"}"));
	}

	@Test
	void runWorkflowKeepsNullWorkflowParameterValues() {
		// A parameter explicitly set to null is the caller's value, unlike an unset request field.
		stubRunCreated();
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("optional", null);
		parameters.put("nested", Map.of("x", 1.5));
		run(RunWorkflowRequest.builder("wpid_1").parameters(parameters).build());
		assertThat(body(onlyRequest()))
			.isEqualTo(json("{\"agent_id\":\"wpid_1\",\"parameters\":{\"optional\":null,\"nested\":{\"x\":1.5}}}"));
	}

	@Test
	void runWorkflowWritesGeoProxyAsObjectWithoutNulls() {
		stubRunCreated();
		run(RunWorkflowRequest.builder("wpid_1").proxyLocation(ProxyLocation.geo("DE", null, "Berlin")).build());
		assertThat(body(onlyRequest())).isEqualTo(
				json("{\"agent_id\":\"wpid_1\",\"proxy_location\":{\"country\":\"DE\",\"city\":\"Berlin\"}}"));
	}

	@Test
	void runWorkflowWritesNonAsciiTextAsUtf8() {
		stubRunCreated();
		run(RunWorkflowRequest.builder("wpid_1").title("Café Zürich – 東京 😀").build());
		assertThat(body(onlyRequest()).get("title").asString()).isEqualTo("Café Zürich – 東京 😀");
	}

	@Test
	void runWorkflowSendsNoTemplateQueryWhenNotATemplate() {
		stubRunCreated();
		run(RunWorkflowRequest.builder("wpid_1").template(false).build());
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/v1/run/agents");
		assertThat(request.queryParameter("template").isPresent()).isFalse();
	}

	@Test
	void sendsApiKeyHeaderOnEveryCall() {
		stubRunCreated();
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(okJson(RUN_CREATED)));
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/cancel")).willReturn(okJson("null")));
		run(RunWorkflowRequest.builder("wpid_1").build());
		this.client.getRun("wr_1", RequestOptions.none()).block();
		this.client.cancelRun("wr_1", RequestOptions.none()).block();
		assertThat(wiremock.findAll(anyRequestedFor(anyUrl())))
			.hasSize(3)
			.allSatisfy((request) -> assertThat(request.getHeader("x-api-key")).isEqualTo(API_KEY));
	}

	@Test
	void sendsPerCallOptionsOverDefaults() {
		stubRunCreated();
		RequestOptions options = RequestOptions.builder()
			.apiKey("sk-other-key")
			.header("X-Trace", "abc")
			.queryParameter("debug", "1")
			.bodyParameter("title", "from options")
			.build();
		RunWorkflowRequest run = RunWorkflowRequest.builder("wpid_1").title("from request").template(true).build();
		this.client.runWorkflow(run, options).block();
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("x-api-key")).isEqualTo("sk-other-key");
		assertThat(request.getHeader("X-Trace")).isEqualTo("abc");
		assertThat(request.queryParameter("template").firstValue()).isEqualTo("true");
		assertThat(request.queryParameter("debug").firstValue()).isEqualTo("1");
		assertThat(body(request)).isEqualTo(json("{\"agent_id\":\"wpid_1\",\"title\":\"from options\"}"));
	}

	@Test
	void sendsStarterUserAgentWhenBuiltByAutoConfiguration() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(okJson(RUN_CREATED)));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class))
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.base-url=" + wiremock.baseUrl())
			.run((context) -> context.getBean(SkyvernApiClient.class).getRun("wr_1", RequestOptions.none()).block());
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("User-Agent")).startsWith("skyvern-spring-boot-starter/")
			.doesNotContain("unknown")
			.doesNotContain("${");
		assertThat(request.getHeader("x-api-key")).isEqualTo(API_KEY);
	}

	// Other run endpoints: URI templates

	@Test
	void getRunUsesRunsUriTemplate() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(okJson(RUN_CREATED)));
		SkyvernRun run = this.client.getRun("wr_1", RequestOptions.none()).block();
		assertThat(run.runId()).isEqualTo("wr_1");
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("GET");
		assertThat(request.getUrl()).isEqualTo("/v1/runs/wr_1");
	}

	@ParameterizedTest
	@ValueSource(strings = { "wr_1/cancel", "wr_1?x=1", "../agents", "wr 1#frag" })
	void encodesRunIdAsOnePathSegment(String runId) {
		wiremock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Run not found\"}")));
		catchThrowable(() -> this.client.getRun(runId, RequestOptions.none()).block());
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).startsWith("/v1/runs/").doesNotContain("?").doesNotContain("#");
		assertThat(request.getUrl().substring("/v1/runs/".length())).doesNotContain("/");
		assertThat(URLDecoder.decode(request.getUrl().substring("/v1/runs/".length()), StandardCharsets.UTF_8))
			.isEqualTo(runId);
	}

	@Test
	void cancelRunPostsToCancelUriAndAcceptsNullBody() {
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/cancel")).willReturn(okJson("null")));
		this.client.cancelRun("wr_1", RequestOptions.none()).block();
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/v1/runs/wr_1/cancel");
		assertThat(request.getBodyAsString()).isEmpty();
		assertThat(request.containsHeader("Content-Type")).isFalse();
	}

	@Test
	void cancelRunLeavesPooledHttp11ConnectionUsable() {
		// An empty body streamed as a zero-length chunk would leave a stray terminator on the connection.
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/cancel")).willReturn(okJson("null")));
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(okJson(RUN_CREATED)));
		SkyvernApiClient http11 = new SkyvernApiClient(
				WebClient.builder()
					.baseUrl(wiremock.baseUrl())
					.clientConnector(new JdkClientHttpConnector(
							HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()))
					.build(),
				API_KEY, Duration.ofSeconds(5), SkyvernRetryPolicy.none());
		http11.cancelRun("wr_1", RequestOptions.none()).block();
		http11.cancelRun("wr_1", RequestOptions.none()).block();
		assertThat(http11.getRun("wr_1", RequestOptions.none()).block().runId()).isEqualTo("wr_1");
		assertThat(wiremock.findAll(anyRequestedFor(anyUrl()))).hasSize(3);
	}

	@Test
	void cancelRunAcceptsEmptyBody() {
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/cancel")).willReturn(aResponse().withStatus(200)));
		this.client.cancelRun("wr_1", RequestOptions.none()).block();
		assertThat(onlyRequest().getUrl()).isEqualTo("/v1/runs/wr_1/cancel");
	}

	@Test
	void retryRunWebhookWithoutUrlSendsNoWebhookUrl() {
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/retry_webhook")).willReturn(okJson(replayAnswer())));
		RetryWebhookResult result = this.client.retryRunWebhook("wr_1", null, RequestOptions.none()).block();
		LoggedRequest request = onlyRequest();
		assertThat(request.getUrl()).isEqualTo("/v1/runs/wr_1/retry_webhook");
		assertThat(body(request)).isEqualTo(json("{}"));
		assertThat(result.runId()).isEqualTo("wr_1");
		assertThat(result.runType()).isEqualTo("workflow_run");
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.latencyMs()).isEqualTo(182L);
		assertThat(result.headers()).containsEntry("x-skyvern-signature", "abc123");
		assertThat(result.payload()).isEqualTo("{\"run_id\":\"wr_1\",\"status\":\"completed\"}");
		assertThat(result.delivered()).isTrue();
	}

	@Test
	void retryRunWebhookWithUrlSendsItInBody() {
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/retry_webhook")).willReturn(okJson(replayAnswer())));
		this.client.retryRunWebhook("wr_1", "https://hooks.example.com/other", RequestOptions.none()).block();
		LoggedRequest request = onlyRequest();
		assertThat(request.getHeader("Content-Type")).startsWith("application/json");
		assertThat(body(request)).isEqualTo(json("{\"webhook_url\":\"https://hooks.example.com/other\"}"));
	}

	@Test
	void retryRunWebhookReadsFailedDelivery() {
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/retry_webhook")).willReturn(okJson("""
				{"run_id": "wr_1", "run_type": "workflow_run", "default_webhook_url": null,
				 "target_webhook_url": "https://hooks.example.com/down", "payload": "{}", "headers": {},
				 "status_code": null, "latency_ms": null, "response_body": null, "error": "ConnectError"}
				""")));
		RetryWebhookResult result = this.client.retryRunWebhook("wr_1", null, RequestOptions.none()).block();
		assertThat(result.delivered()).isFalse();
		assertThat(result.error()).isEqualTo("ConnectError");
	}

	// Errors

	@Test
	void mapsBadRequestWithDetailString() {
		stubRun(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Invalid workflow parameters: invoice_month is required\"}"));
		SkyvernBadRequestException ex = runFails(SkyvernBadRequestException.class);
		assertThat(ex.getStatusCode()).isEqualTo(400);
		assertThat(ex.getOperation()).isEqualTo(SkyvernOperation.RUN_WORKFLOW);
		assertThat(ex.getDetail()).isEqualTo("Invalid workflow parameters: invoice_month is required");
		assertThat(ex.getRunId()).isNull();
		assertThat(ex.getMessage()).contains("400")
			.contains("POST /v1/run/agents")
			.contains("Invalid workflow parameters: invoice_month is required");
	}

	@Test
	void mapsForbiddenToAuthenticationExceptionNamingThePropertyNotTheKey() {
		stubRun(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Invalid credentials\"}"));
		SkyvernAuthenticationException ex = runFails(SkyvernAuthenticationException.class);
		assertThat(ex.getStatusCode()).isEqualTo(403);
		assertThat(ex.getDetail()).isEqualTo("Invalid credentials");
		assertThat(ex.getMessage()).contains("skyvern.api-key").contains("Invalid credentials").doesNotContain(API_KEY);
	}

	@Test
	void mapsNotFoundWithRunId() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_404")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Run wr_404 not found\"}")));
		SkyvernNotFoundException ex = fails(SkyvernNotFoundException.class,
				this.client.getRun("wr_404", RequestOptions.none()));
		assertThat(ex.getStatusCode()).isEqualTo(404);
		assertThat(ex.getRunId()).isEqualTo("wr_404");
		assertThat(ex.getOperation()).isEqualTo(SkyvernOperation.GET_RUN);
		assertThat(ex.getMessage()).contains("wr_404").contains("not found");
	}

	@Test
	void mapsConflict() {
		wiremock.stubFor(post(urlPathEqualTo("/v1/runs/wr_1/cancel")).willReturn(aResponse().withStatus(409)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Run is already being canceled\"}")));
		SkyvernConflictException ex = fails(SkyvernConflictException.class,
				this.client.cancelRun("wr_1", RequestOptions.none()));
		assertThat(ex.getStatusCode()).isEqualTo(409);
		assertThat(ex.getRunId()).isEqualTo("wr_1");
		assertThat(ex.getDetail()).isEqualTo("Run is already being canceled");
	}

	@Test
	void mapsValidationErrorListWithReadableFieldLocations() {
		stubRun(aResponse().withStatus(422).withHeader("Content-Type", "application/json").withBody("""
				{"detail": [
				  {"type": "missing", "loc": ["body", "agent_id"], "msg": "Field required", "input": {}},
				  {"type": "less_than_equal", "loc": ["body", "max_elapsed_time_minutes"],
				   "msg": "Input should be less than or equal to 480", "input": 481, "ctx": {"le": 480}},
				  {"type": "string_type", "loc": ["body", "run_metadata", "tenant"],
				   "msg": "Input should be a valid string", "input": 1}]}
				"""));
		SkyvernValidationException ex = runFails(SkyvernValidationException.class);
		assertThat(ex.getStatusCode()).isEqualTo(422);
		assertThat(ex.getFieldErrors()).containsExactly(
				new SkyvernValidationException.FieldError("body.agent_id", "Field required", "missing"),
				new SkyvernValidationException.FieldError("body.max_elapsed_time_minutes",
						"Input should be less than or equal to 480", "less_than_equal"),
				new SkyvernValidationException.FieldError("body.run_metadata.tenant", "Input should be a valid string",
						"string_type"));
		assertThat(ex.getMessage()).contains("body.agent_id: Field required")
			.contains("body.max_elapsed_time_minutes: Input should be less than or equal to 480");
	}

	@Test
	void mapsValidationErrorWithPlainString() {
		stubRun(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Workflow wpid_1 has no parameter named 'month'\"}"));
		SkyvernValidationException ex = runFails(SkyvernValidationException.class);
		assertThat(ex.getFieldErrors()).isEmpty();
		assertThat(ex.getDetail()).isEqualTo("Workflow wpid_1 has no parameter named 'month'");
		assertThat(ex.getMessage()).contains("Workflow wpid_1 has no parameter named 'month'");
	}

	@Test
	void mapsRateLimitWithoutRetryAfter() {
		stubRun(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Too many requests\"}"));
		SkyvernRateLimitException ex = runFails(SkyvernRateLimitException.class);
		assertThat(ex.getStatusCode()).isEqualTo(429);
		assertThat(ex.getRetryAfter()).isNull();
		assertThat(ex.getDetail()).isEqualTo("Too many requests");
	}

	@Test
	void mapsRateLimitWithRetryAfterSeconds() {
		stubRun(aResponse().withStatus(429).withHeader("Retry-After", "7"));
		assertThat(runFails(SkyvernRateLimitException.class).getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void mapsRateLimitWithRetryAfterHttpDate() {
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
		stubRun(aResponse().withStatus(429).withHeader("Retry-After", inTwoMinutes));
		// The date has whole seconds and the clock moves on while the test runs.
		assertThat(runFails(SkyvernRateLimitException.class).getRetryAfter()).isBetween(Duration.ofSeconds(100),
				Duration.ofSeconds(120));
	}

	@Test
	void mapsRateLimitWithRetryAfterHttpDateInThePastToZero() {
		stubRun(aResponse().withStatus(429).withHeader("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"));
		assertThat(runFails(SkyvernRateLimitException.class).getRetryAfter()).isEqualTo(Duration.ZERO);
	}

	@Test
	void mapsServerErrorWithErrorKey() {
		stubRun(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"Unexpected error: database is locked\"}"));
		SkyvernServerException ex = runFails(SkyvernServerException.class);
		assertThat(ex.getStatusCode()).isEqualTo(500);
		assertThat(ex.getDetail()).isEqualTo("Unexpected error: database is locked");
		assertThat(ex.getMessage()).contains("500").contains("Unexpected error: database is locked");
	}

	@Test
	void mapsNonJsonErrorBody() {
		stubRun(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><body><h1>502 Bad Gateway</h1></body></html>\n"));
		SkyvernServerException ex = runFails(SkyvernServerException.class);
		assertThat(ex.getStatusCode()).isEqualTo(502);
		assertThat(ex.getDetail()).isEqualTo("<html><body><h1>502 Bad Gateway</h1></body></html>");
	}

	@Test
	void mapsErrorWithoutBody() {
		stubRun(aResponse().withStatus(503));
		SkyvernServerException ex = runFails(SkyvernServerException.class);
		assertThat(ex.getStatusCode()).isEqualTo(503);
		assertThat(ex.getDetail()).isNull();
		assertThat(ex.getMessage()).startsWith("Skyvern answered 503 to POST /v1/run/agents").doesNotContain("null");
	}

	@Test
	void mapsOtherClientErrorToApiException() {
		stubRun(aResponse().withStatus(413).withBody("Request Entity Too Large"));
		SkyvernApiException ex = runFails(SkyvernApiException.class);
		assertThat(ex.getClass()).isEqualTo(SkyvernApiException.class);
		assertThat(ex.getStatusCode()).isEqualTo(413);
		assertThat(ex.getDetail()).isEqualTo("Request Entity Too Large");
	}

	@ParameterizedTest
	@ValueSource(strings = { "not json at all", "{\"run_id\":\"wr_1\",\"status\":", "{\"status\":\"completed\"}",
			"[1,2,3]", "\"wr_1\"", "" })
	void mapsMalformedSuccessBody(String body) {
		stubRun(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body));
		SkyvernMalformedResponseException ex = runFails(SkyvernMalformedResponseException.class);
		assertThat(ex.getStatusCode()).isEqualTo(200);
		assertThat(ex.getOperation()).isEqualTo(SkyvernOperation.RUN_WORKFLOW);
		assertThat(ex.getMessage()).contains("POST /v1/run/agents").contains("cannot read");
	}

	@Test
	void mapsMalformedRunOnGetWithRunId() {
		wiremock.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(okJson("{\"run_id\":\"wr_1\"}")));
		SkyvernMalformedResponseException ex = fails(SkyvernMalformedResponseException.class,
				this.client.getRun("wr_1", RequestOptions.none()));
		assertThat(ex.getRunId()).isEqualTo("wr_1");
		assertThat(ex.getOperation()).isEqualTo(SkyvernOperation.GET_RUN);
	}

	@Test
	void noExceptionMessageContainsTheApiKey() {
		List<Throwable> failures = new ArrayList<>();
		for (ResponseDefinitionBuilder answer : List.of(
				aResponse().withStatus(400).withBody("{\"detail\":\"bad\"}"),
				aResponse().withStatus(403).withBody("{\"detail\":\"Invalid credentials\"}"),
				aResponse().withStatus(404).withBody("{\"detail\":\"not found\"}"),
				aResponse().withStatus(409).withBody("{\"detail\":\"conflict\"}"),
				aResponse().withStatus(422)
					.withBody("{\"detail\":[{\"type\":\"missing\",\"loc\":[\"header\",\"x-api-key\"],"
							+ "\"msg\":\"Field required\",\"input\":\"" + API_KEY + "\"}]}"),
				aResponse().withStatus(429).withHeader("Retry-After", "1"),
				aResponse().withStatus(500).withBody("{\"error\":\"Unexpected error\"}"),
				aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"),
				aResponse().withStatus(200).withBody("not json"))) {
			wiremock.resetAll();
			stubRun(answer);
			failures.add(catchThrowable(() -> run(RunWorkflowRequest.builder("wpid_1").build())));
		}
		assertThat(failures).hasSize(9).allSatisfy((failure) -> assertDoesNotReveal(failure, API_KEY));
	}

	@Test
	void noExceptionMessageContainsTheApiKeyEvenWhenTheServerEchoesIt() {
		// A proxy or debugging server in front of Skyvern may echo request headers in its error pages.
		List<Throwable> failures = new ArrayList<>();
		for (ResponseDefinitionBuilder answer : List.of(
				aResponse().withStatus(403).withBody("{\"detail\":\"Invalid credentials: " + API_KEY + "\"}"),
				aResponse().withStatus(500).withBody("{\"error\":\"Unexpected error for key " + API_KEY + "\"}"),
				aResponse().withStatus(502).withBody("<pre>x-api-key: " + API_KEY + "</pre>"),
				aResponse().withStatus(200).withBody(API_KEY),
				aResponse().withStatus(200).withBody("{\"run_id\":\"wr_1\",\"status\":\"created\",\"created_at\":\""
						+ API_KEY + "\"}"))) {
			wiremock.resetAll();
			stubRun(answer);
			failures.add(catchThrowable(() -> run(RunWorkflowRequest.builder("wpid_1").build())));
		}
		assertThat(failures).hasSize(5).allSatisfy((failure) -> assertDoesNotReveal(failure, API_KEY));
	}

	@Test
	void noExceptionMessageContainsPerCallApiKeyWhenTheServerEchoesIt() {
		stubRun(aResponse().withStatus(403).withBody("{\"detail\":\"Invalid credentials: sk-per-call-key-77\"}"));
		RequestOptions options = RequestOptions.builder().apiKey("sk-per-call-key-77").build();
		Throwable failure = catchThrowable(
				() -> this.client.runWorkflow(RunWorkflowRequest.builder("wpid_1").build(), options).block());
		assertDoesNotReveal(failure, "sk-per-call-key-77");
		assertThat(((SkyvernApiException) failure).getDetail()).isEqualTo("Invalid credentials: ******");
	}

	private static void assertDoesNotReveal(Throwable failure, String apiKey) {
		assertThat(failure).isInstanceOf(SkyvernException.class);
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			assertThat(cause.toString()).as(cause.getClass().getName()).doesNotContain(apiKey);
		}
		if (failure instanceof SkyvernApiException apiException && apiException.getDetail() != null) {
			assertThat(apiException.getDetail()).doesNotContain(apiKey);
		}
	}

	// Helpers

	private SkyvernRun run(RunWorkflowRequest request) {
		return this.client.runWorkflow(request, RequestOptions.none()).block();
	}

	private <E extends Throwable> E runFails(Class<E> type) {
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1").build();
		return fails(type, this.client.runWorkflow(request, RequestOptions.none()));
	}

	private static <E extends Throwable> E fails(Class<E> type, Mono<?> call) {
		Throwable thrown = catchThrowable(call::block);
		assertThat(thrown).isInstanceOf(type);
		return type.cast(thrown);
	}

	private static void stubRunCreated() {
		stubRun(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(RUN_CREATED));
	}

	private static void stubRun(ResponseDefinitionBuilder answer) {
		MappingBuilder mapping = post(urlPathEqualTo("/v1/run/agents")).willReturn(answer);
		wiremock.stubFor(mapping);
	}

	private static ResponseDefinitionBuilder okJson(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static String replayAnswer() {
		return """
				{"run_id": "wr_1", "run_type": "workflow_run",
				 "default_webhook_url": "https://hooks.example.com/skyvern",
				 "target_webhook_url": "https://hooks.example.com/skyvern",
				 "payload": "{\\"run_id\\":\\"wr_1\\",\\"status\\":\\"completed\\"}",
				 "headers": {"x-skyvern-signature": "abc123", "x-skyvern-timestamp": "1787423712",
				   "Content-Type": "application/json"},
				 "status_code": 200, "latency_ms": 182, "response_body": "ok", "error": null}
				""";
	}

	private static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wiremock.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static JsonNode body(LoggedRequest request) {
		return json(request.getBodyAsString());
	}

	private static JsonNode json(String json) {
		return JSON.readTree(json);
	}

	private static void assertNothingOnTheWireNamed(LoggedRequest request, String... names) {
		JsonNode body = body(request);
		for (String name : names) {
			assertThat(body.has(name)).as("body field %s", name).isFalse();
			assertThat(request.queryParameter(name).isPresent()).as("query parameter %s", name).isFalse();
			assertThat(request.containsHeader(name)).as("header %s", name).isFalse();
		}
	}

}
