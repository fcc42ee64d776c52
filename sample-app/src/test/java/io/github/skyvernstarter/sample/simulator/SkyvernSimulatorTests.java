package io.github.skyvernstarter.sample.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.skyvernstarter.model.SkyvernHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernSimulator}, the JDK HTTP server in front of the fake Skyvern.
 */
class SkyvernSimulatorTests {

	private static final String KEY = "sk_offline_test";

	private final SkyvernSimulator simulator = new SkyvernSimulator(KEY, Duration.ofHours(1), () -> null);

	private final HttpClient http = HttpClient.newHttpClient();

	SkyvernSimulatorTests() {
		this.simulator.start();
	}

	@AfterEach
	void stop() {
		this.simulator.close();
	}

	@Test
	void answersInSkyvernsJsonAndAcceptsOnlyItsOwnKey() throws Exception {
		HttpResponse<String> created = post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}", KEY);
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(created.body()).contains("\"status\":\"created\"").contains("\"run_type\":\"workflow_run\"");
		HttpResponse<String> refused = post("/v1/run/agents", "{\"agent_id\":\"wpid_x\"}", "sk_other");
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).isEqualTo("{\"detail\":\"Invalid credentials\"}");
	}

	@Test
	void readsABodyUpToTheLimitAndNoFurther() throws IOException {
		CountingInputStream small = new CountingInputStream(new byte[1000]);
		assertThat(SkyvernSimulator.readBody(small)).hasSize(1000);
		CountingInputStream huge = new CountingInputStream(new byte[8 * SkyvernSimulator.MAX_BODY_SIZE]);
		assertThat(SkyvernSimulator.readBody(huge)).isNull();
		assertThat(huge.read).isEqualTo(SkyvernSimulator.MAX_BODY_SIZE + 1);
	}

	private HttpResponse<String> post(String path, String body, String apiKey) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.simulator.baseUrl() + path))
			.header(SkyvernHeaders.API_KEY, apiKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static final class CountingInputStream extends ByteArrayInputStream {

		private int read;

		CountingInputStream(byte[] bytes) {
			super(bytes);
		}

		@Override
		public synchronized int read(byte[] buffer, int offset, int length) {
			int count = super.read(buffer, offset, length);
			this.read += Math.max(0, count);
			return count;
		}

	}

}
