package io.github.skyvernstarter.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link SkyvernWebhookSigner}, against the signatures Skyvern's own code produced.
 */
class SkyvernWebhookSignerTests {

	/** The build's one copy of the vectors, beside the verifier's tests (read like README, by path). */
	private static final Path VECTORS = Path.of("../skyvern-spring-boot-autoconfigure/src/test/resources/"
			+ "io/github/skyvernstarter/webhook/webhook-vectors.json");

	static Stream<JsonNode> vectors() throws IOException {
		List<JsonNode> vectors = new ArrayList<>();
		JsonMapper.builder().build().readTree(Files.readAllBytes(VECTORS)).get("vectors").forEach(vectors::add);
		return vectors.stream();
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void signsEveryVectorAsSkyvernDoes(JsonNode vector) {
		byte[] body = Base64.getDecoder().decode(vector.get("body_utf8_base64").asString());
		SkyvernWebhookSigner signer = new SkyvernWebhookSigner(vector.get("api_key").asString());
		assertThat(signer.sign(body)).isEqualTo(vector.get("signature").asString());
	}

	@Test
	void signsStringsAsTheirUtf8Bytes() {
		SkyvernWebhookSigner signer = new SkyvernWebhookSigner("sk_docs_snippet_test_key");
		assertThat(signer.sign("{\"run_id\":\"tsk_1\",\"status\":\"completed\",\"step_count\":3}"))
			.isEqualTo("609e0364a92ed3cc92753bcc1b0c53f78b77d2b7782c5f2f0c9f92cfa255d875");
	}

	@Test
	void headersCarrySignatureAndUnixTimestamp() {
		Clock clock = Clock.fixed(Instant.parse("2026-08-22T18:35:12Z"), ZoneOffset.UTC);
		SkyvernWebhookSigner signer = new SkyvernWebhookSigner("sk_docs_snippet_test_key", clock);
		byte[] body = "{\"run_id\":\"tsk_1\",\"status\":\"completed\",\"step_count\":3}".getBytes(StandardCharsets.UTF_8);
		assertThat(signer.headers(body)).containsEntry("x-skyvern-timestamp", "1787423712")
			.containsEntry("x-skyvern-signature", "609e0364a92ed3cc92753bcc1b0c53f78b77d2b7782c5f2f0c9f92cfa255d875")
			.containsEntry("Content-Type", "application/json");
	}

	@Test
	void refusesAnEmptyKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SkyvernWebhookSigner(""));
	}

	@Test
	void neverShowsTheKey() {
		assertThat(new SkyvernWebhookSigner("sk_secret_value")).hasToString("SkyvernWebhookSigner[key=******]");
	}

	@Test
	void deliversTheExactBytesWithSkyvernHeaders() throws IOException {
		AtomicReference<byte[]> received = new AtomicReference<>();
		AtomicReference<Headers> headers = new AtomicReference<>();
		HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		receiver.createContext("/hook", (exchange) -> {
			received.set(exchange.getRequestBody().readAllBytes());
			headers.set(exchange.getRequestHeaders());
			byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(202, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		receiver.start();
		try {
			String body = "{\"run_id\":\"wr_1\",\"output\":{\"name\":\"Café Zürich – 東京 😀\"}}";
			SkyvernWebhookSigner signer = new SkyvernWebhookSigner("sk_key");
			URI target = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
			WebhookDelivery delivery = signer.deliver(target, body);
			assertThat(delivery.accepted()).isTrue();
			assertThat(delivery.statusCode()).isEqualTo(202);
			assertThat(delivery.responseBody()).isEqualTo("ok");
			assertThat(received.get()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
			assertThat(headers.get().getFirst("x-skyvern-signature")).isEqualTo(signer.sign(body));
			assertThat(headers.get().getFirst("x-skyvern-timestamp")).matches("\\d{10}");
			assertThat(headers.get().getFirst("Content-Type")).isEqualTo("application/json");
		}
		finally {
			receiver.stop(0);
		}
	}

	@Test
	void failsClearlyWhenTheReceiverIsUnreachable() throws IOException {
		int port;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		URI target = URI.create("http://127.0.0.1:" + port + "/hook");
		assertThatThrownBy(() -> new SkyvernWebhookSigner("sk_key").deliver(target, "{}"))
			.isInstanceOf(UncheckedIOException.class)
			.hasMessageContaining(target.toString());
	}

}
