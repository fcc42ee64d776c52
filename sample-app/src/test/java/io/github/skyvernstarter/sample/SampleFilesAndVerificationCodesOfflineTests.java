package io.github.skyvernstarter.sample;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import io.github.skyvernstarter.fake.FakeTotpRequester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's diagnostics, retry, files and 2FA endpoints in offline mode, against the embedded
 * simulator; Skyvern's 2FA requests are played by the project's fake, signed with the offline key.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "skyvern.api-key=", "sample.simulator.step-delay=20ms", "skyvern.poll-interval=10ms",
				"sample.demo.enabled=false" })
class SampleFilesAndVerificationCodesOfflineTests {

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

	@TempDir
	static Path files;

	@DynamicPropertySource
	static void filesDirectory(DynamicPropertyRegistry registry) {
		registry.add("sample.files-directory", files::toString);
	}

	@LocalServerPort
	private int port;

	@Autowired
	private SkyvernProperties skyvern;

	private RestTestClient client;

	@BeforeEach
	void createClient() {
		this.client = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void finishedRunHasATimelineArtifactsFilesAndCanBeRetried() {
		String runId = finishedRun();
		this.client.get().uri("/runs/{runId}/timeline", runId).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$[0].type").isEqualTo("block")
			.jsonPath("$[0].block.status").isEqualTo("completed");
		this.client.get().uri("/runs/{runId}/artifacts", runId).exchange().expectStatus().isOk()
			.expectBody().json("[]");
		this.client.get().uri("/runs/{runId}/files", runId).exchange().expectStatus().isOk()
			.expectBody().jsonPath("$.run_id").isEqualTo(runId)
			.jsonPath("$.files").isArray();
		Map<String, Object> retried = this.client.post().uri("/runs/{runId}/retry", runId).exchange()
			.expectStatus().isCreated()
			.expectBody(MAP).returnResult().getResponseBody();
		assertThat(retried.get("run_id")).isNotEqualTo(runId);
		assertThat(((Map<?, ?>) retried.get("run_request")).get("workflow_id")).isEqualTo("wpid_retried");
	}

	@Test
	void filesOfAnUnfinishedRunOrAHostileIdAreRefused() {
		this.client.get().uri("/runs/{runId}/files", "..%2F..").exchange().expectStatus().is4xxClientError();
	}

	@Test
	void codePostedForARunIsGivenToSkyvernWhenItAsks() {
		URI totpUrl = URI.create("http://127.0.0.1:" + this.port + "/skyvern/totp");
		FakeTotpRequester skyvernSide = new FakeTotpRequester(this.skyvern.getApiKey(), Clock.systemUTC());
		assertThat(skyvernSide.requestForWorkflowRun(totpUrl, "wr_2fa", null).askAgain()).isTrue();
		this.client.post().uri("/verification-codes").contentType(MediaType.APPLICATION_JSON)
			.body("{\"run_id\":\"wr_2fa\",\"code\":\"731904\"}").exchange().expectStatus().isNoContent();
		FakeTotpRequester.Answer answer = skyvernSide.requestForWorkflowRun(totpUrl, "wr_2fa", null);
		assertThat(answer.code()).isEqualTo("731904");
		assertThat(new FakeTotpRequester("sk_someone_else", Clock.systemUTC())
			.requestForWorkflowRun(totpUrl, "wr_2fa", null).status()).isEqualTo(401);
	}

	@Test
	void codeWithoutARunIsRefused() {
		this.client.post().uri("/verification-codes").contentType(MediaType.APPLICATION_JSON)
			.body("{\"code\":\"731904\"}").exchange().expectStatus().isBadRequest();
	}

	private String finishedRun() {
		Map<String, Object> run = this.client.post().uri("/workflows/wpid_retried/runs?wait=true").exchange()
			.expectStatus().isCreated()
			.expectBody(MAP).returnResult().getResponseBody();
		assertThat(run).containsEntry("status", "completed");
		return (String) run.get("run_id");
	}

}
