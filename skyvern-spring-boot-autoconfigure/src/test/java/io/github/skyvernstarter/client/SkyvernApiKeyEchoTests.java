package io.github.skyvernstarter.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.error.SkyvernRedirectException;
import io.github.skyvernstarter.error.SkyvernValidationException;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A proxy or debugging server in front of Skyvern that echoes the API key back, plainly or encoded,
 * never gets it into an exception's message, detail or field errors (what logs and error pages show).
 */
class SkyvernApiKeyEchoTests {

	/** Has the characters that encodings treat specially in base64 keys: {@code / + =}. */
	private static final String KEY = "sk-echo/7f3a+Q9zK=e2";

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Stream<Arguments> encodings() {
		return Stream.of(Arguments.of("plain", (Function<String, String>) (key) -> key),
				Arguments.of("JSON \\u escapes", (Function<String, String>) (key) -> escapeEach(key, "\\u%04x", 1)),
				Arguments.of("JSON \\u escapes, every other character",
						(Function<String, String>) (key) -> escapeEach(key, "\\u%04X", 2)),
				Arguments.of("JSON escaped slash", (Function<String, String>) (key) -> key.replace("/", "\\/")),
				Arguments.of("URL-encoded", (Function<String, String>) (key) -> URLEncoder.encode(key,
						StandardCharsets.UTF_8)),
				Arguments.of("percent-encoded throughout", (Function<String, String>) (key) -> escapeEach(key, "%%%02x", 1)),
				Arguments.of("HTML decimal references", (Function<String, String>) (key) -> escapeEach(key, "&#%d;", 1)),
				Arguments.of("HTML hex references",
						(Function<String, String>) (key) -> escapeEach(key, "&#x%X;", 3)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("encodings")
	void echoedKeyIsMaskedInEveryErrorString(String encoding, Function<String, String> encode) {
		String echo = encode.apply(KEY);
		// In a JSON string a backslash escape is decoded by the parser; written as text, it stays.
		String inJson = echo.replace("\\", encoding.startsWith("JSON") ? "\\" : "\\\\");
		List<Throwable> failures = new ArrayList<>();
		for (ResponseDefinitionBuilder answer : List.of(
				aResponse().withStatus(403).withBody("{\"detail\":\"Invalid credentials: " + inJson + "\"}"),
				aResponse().withStatus(500).withBody("{\"error\":\"Unexpected error for key " + inJson + "\"}"),
				aResponse().withStatus(502).withBody("<pre>x-api-key: " + echo + "</pre>"),
				aResponse().withStatus(404).withBody("{\"detail\":\"No workflow for " + inJson + "\"}"),
				aResponse().withStatus(422)
					.withBody("{\"detail\":[{\"type\":\"" + inJson + "\",\"loc\":[\"header\",\"" + inJson + "\"],"
							+ "\"msg\":\"bad key " + inJson + "\",\"input\":\"" + inJson + "\"}]}"),
				aResponse().withStatus(200).withBody("{\"run_id\":\"wr_1\",\"status\":\"created\",\"created_at\":\""
						+ inJson + "\"}"),
				aResponse().withStatus(200).withBody(echo),
				aResponse().withStatus(307).withHeader("Location", "http://proxy.example/echo/" + echo + "?k=" + echo))) {
			skyvern.resetAll();
			skyvern.stubFor(post(urlPathEqualTo("/v1/run/agents")).willReturn(answer));
			failures.add(catchThrowable(() -> client().runWorkflow(RunWorkflowRequest.builder("wpid_1").build(),
					RequestOptions.none()).block()));
		}
		assertThat(failures).hasSize(8).allSatisfy((failure) -> assertReveals(failure, KEY, echo, false));
	}

	@Test
	void pieceOfALongKeyInAParserMessageIsMasked() {
		// Jackson cuts a quoted token at 256 characters: a longer key would leave its start behind.
		String longKey = "sk" + "0123456789abcdef".repeat(20);
		skyvern.stubFor(post(urlPathEqualTo("/v1/run/agents")).willReturn(aResponse().withStatus(200).withBody(longKey)));
		Throwable failure = catchThrowable(() -> client().runWorkflow(RunWorkflowRequest.builder("wpid_1").build(),
				RequestOptions.builder().apiKey(longKey).build()).block());
		assertThat(failure).isInstanceOf(SkyvernMalformedResponseException.class);
		assertReveals(failure, longKey, longKey, false);
		assertThat(failure).hasMessageNotContaining(longKey.substring(0, 16));
	}

	@Test
	void textThatMerelyResemblesTheKeyIsKept() {
		skyvern.stubFor(post(urlPathEqualTo("/v1/run/agents")).willReturn(aResponse().withStatus(400)
			.withBody("{\"detail\":\"sk-echo/7f3a is not a workflow; %73 and &#107; are fine\"}")));
		Throwable failure = catchThrowable(() -> client().runWorkflow(RunWorkflowRequest.builder("wpid_1").build(),
				RequestOptions.none()).block());
		assertThat(((SkyvernApiException) failure).getDetail())
			.isEqualTo("sk-echo/7f3a is not a workflow; %73 and &#107; are fine");
	}

	private static void assertReveals(Throwable failure, String key, String echo, boolean reveals) {
		assertThat(failure).isInstanceOf(SkyvernException.class);
		List<String> texts = new ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			texts.add(cause.toString());
		}
		if (failure instanceof SkyvernApiException api && api.getDetail() != null) {
			texts.add(api.getDetail());
		}
		if (failure instanceof SkyvernValidationException validation) {
			validation.getFieldErrors().forEach((error) -> texts.add(error.location() + error.message() + error.type()));
		}
		if (failure instanceof SkyvernRedirectException redirect) {
			texts.add(String.valueOf(redirect.getLocation()));
		}
		for (String text : texts) {
			String lower = text.toLowerCase(Locale.ROOT);
			assertThat(text.contains(key) || lower.contains(echo.toLowerCase(Locale.ROOT))).as(text).isEqualTo(reveals);
		}
	}

	private static String escapeEach(String text, String format, int every) {
		StringBuilder escaped = new StringBuilder();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			escaped.append((i % every == 0) ? String.format(Locale.ROOT, format, (int) c) : String.valueOf(c));
		}
		return escaped.toString();
	}

	private static SkyvernApiClient client() {
		return new SkyvernApiClient(WebClient.builder().baseUrl(skyvern.baseUrl()).build(), KEY, Duration.ofSeconds(5),
				SkyvernRetryPolicy.none());
	}

}
