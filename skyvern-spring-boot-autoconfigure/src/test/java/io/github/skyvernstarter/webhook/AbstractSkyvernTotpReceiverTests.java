package io.github.skyvernstarter.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.github.skyvernstarter.webhook.TotpTestApplication.RecordingCodeProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2FA code receiver, the same on every web stack: verified exactly like the webhook receiver, and
 * only verified requests reach the {@link SkyvernVerificationCodeProvider}.
 */
abstract class AbstractSkyvernTotpReceiverTests {

	static final String API_KEY = "sk-totp-newest-key-1357";

	static final String OLD_KEY = "sk-totp-old-key-8642";

	static final String PATH = "/skyvern/totp";

	static final byte[] WORKFLOW_RUN_ASKS = bytes(
			"{\"workflow_run_id\":\"wr_486305187432193470\",\"workflow_permanent_id\":\"wpid_1\"}");

	@LocalServerPort
	int port;

	@Autowired
	RecordingCodeProvider provider;

	WebhookClient client;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("skyvern.api-key", () -> API_KEY);
		registry.add("skyvern.webhooks.signing-keys[0]", () -> OLD_KEY);
	}

	@BeforeEach
	void setUp() {
		this.provider.reset();
		this.client = new WebhookClient(this.port, PATH);
	}

	@Test
	void signedRequestIsAnsweredWithTheProvidersCodeAsJson() {
		this.provider.codes.put("wr_486305187432193470", "123456");
		HttpResponse<String> response = this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, API_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(response.body()).isEqualTo("{\"verification_code\":\"123456\"}");
		assertThat(this.provider.asked).singleElement().satisfies((request) -> {
			assertThat(request.workflowRunId()).isEqualTo("wr_486305187432193470");
			assertThat(request.workflowPermanentId()).isEqualTo("wpid_1");
			assertThat(request.taskId()).isNull();
		});
	}

	@Test
	void taskRequestNamesTheTask() {
		byte[] body = bytes("{\"task_id\":\"tsk_1\"}");
		this.provider.codes.put("tsk_1", "9876");
		HttpResponse<String> response = this.client.post(body, signed(body, API_KEY));
		assertThat(response.body()).isEqualTo("{\"verification_code\":\"9876\"}");
		assertThat(this.provider.asked).singleElement()
			.satisfies((request) -> assertThat(request.runId()).isEqualTo("tsk_1"));
	}

	@Test
	void noCodeYetIsAnEmptyObjectSoSkyvernAsksAgain() {
		HttpResponse<String> first = this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, API_KEY));
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).isEqualTo("{}");
		assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		this.provider.codes.put("wr_486305187432193470", "424242");
		HttpResponse<String> second = this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, API_KEY));
		assertThat(second.body()).isEqualTo("{\"verification_code\":\"424242\"}");
		assertThat(this.provider.asked).hasSize(2);
	}

	@Test
	void requestSignedWithAnotherListedKeyIsAnswered() {
		this.provider.codes.put("wr_486305187432193470", "123456");
		HttpResponse<String> response = this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, OLD_KEY));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("123456");
	}

	@Test
	void tamperedUnsignedAndWronglySignedRequestsAre401AndNeverReachTheProvider() {
		this.provider.codes.put("wr_486305187432193470", "123456");
		byte[] tampered = bytes("{\"workflow_run_id\":\"wr_486305187432193470\",\"workflow_permanent_id\":\"wpid_2\"}");
		Map<String, String> unsigned = Map.of("Content-Type", "application/json");
		for (HttpResponse<String> response : java.util.List.of(
				this.client.post(tampered, signed(WORKFLOW_RUN_ASKS, API_KEY)),
				this.client.post(WORKFLOW_RUN_ASKS, unsigned),
				this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, "sk-someone-else")),
				this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, "", true)),
				this.client.post(WORKFLOW_RUN_ASKS,
						signed(WORKFLOW_RUN_ASKS, SkyvernWebhookVerifier.sign(WORKFLOW_RUN_ASKS, API_KEY).toUpperCase(), true)))) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).doesNotContain("123456");
		}
		assertThat(this.provider.asked).isEmpty();
	}

	@Test
	void requestsThatAreNotCodeRequestsAreRefusedBeforeTheProvider() {
		byte[] noRun = bytes("{\"workflow_permanent_id\":\"wpid_1\"}");
		assertThat(this.client.post(noRun, signed(noRun, API_KEY)).statusCode()).isEqualTo(400);
		byte[] notJson = bytes("verification please");
		assertThat(this.client.post(notJson, signed(notJson, API_KEY)).statusCode()).isEqualTo(400);
		Map<String, String> text = Map.of("Content-Type", "text/plain", "x-skyvern-signature",
				SkyvernWebhookVerifier.sign(WORKFLOW_RUN_ASKS, API_KEY));
		assertThat(this.client.post(WORKFLOW_RUN_ASKS, text).statusCode()).isEqualTo(415);
		byte[] huge = new byte[(int) SkyvernTotpReceiver.MAX_BODY_SIZE + 1];
		java.util.Arrays.fill(huge, (byte) ' ');
		assertThat(this.client.post(huge, signed(huge, API_KEY)).statusCode()).isEqualTo(413);
		assertThat(this.client.send("GET", java.net.http.HttpRequest.BodyPublishers.noBody(), Map.of()).statusCode())
			.isEqualTo(405);
		assertThat(this.provider.asked).isEmpty();
	}

	@Test
	void failingProviderIsA500SoSkyvernAsksAgain() {
		this.provider.failing = true;
		HttpResponse<String> response = this.client.post(WORKFLOW_RUN_ASKS, signed(WORKFLOW_RUN_ASKS, API_KEY));
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.body()).doesNotContain("mailbox");
	}

	static Map<String, String> signed(byte[] body, String key) {
		return signed(body, SkyvernWebhookVerifier.sign(body, key), true);
	}

	static Map<String, String> signed(byte[] body, String signature, boolean json) {
		return Map.of("Content-Type", "application/json", "x-skyvern-signature", signature, "x-skyvern-timestamp",
				"1787423712");
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
