package io.github.skyvernstarter.sample;

import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator's {@code env} and {@code configprops} endpoints, over HTTP with every value shown, never
 * show a key passed on the command line, although the JVM records the command line in
 * {@code sun.java.command}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		args = { "--skyvern.api-key=" + ActuatorKeyMaskingTests.KEY,
				"--skyvern.webhooks.signing-keys[0]=" + ActuatorKeyMaskingTests.OLD_KEY },
		properties = { "management.endpoints.web.exposure.include=env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@AutoConfigureSkyvernStub
class ActuatorKeyMaskingTests {

	static final String KEY = "sk_cmdline_secret_8c1f0e";

	static final String OLD_KEY = "sk_cmdline_rotated_2b7d4a";

	private static String javaCommand;

	@LocalServerPort
	private int port;

	@BeforeAll
	static void commandLineAsTheJvmRecordsIt() {
		javaCommand = System.getProperty("sun.java.command");
		// `java -jar sample-app.jar --skyvern.api-key=...`, and the JVM spring-boot:run forks with
		// -Dspring-boot.run.arguments="--skyvern.api-key=..." look the same.
		System.setProperty("sun.java.command", "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar --skyvern.api-key="
				+ KEY + " --skyvern.webhooks.signing-keys[0]=" + OLD_KEY + " --server.port=8080");
	}

	@AfterAll
	static void restoreCommandLine() {
		if (javaCommand != null) {
			System.setProperty("sun.java.command", javaCommand);
		}
		else {
			System.clearProperty("sun.java.command");
		}
	}

	@Test
	void envNeverShowsAKeyGivenOnTheCommandLine() {
		String env = get("/actuator/env");
		assertThat(env).contains("sun.java.command").contains("commandLineArgs").contains("java.version");
		assertNoKey(env);
		String entry = get("/actuator/env/sun.java.command");
		assertThat(entry).contains("\"value\":\"******\"");
		assertNoKey(entry);
	}

	@Test
	void configpropsNeverShowsAKeyGivenOnTheCommandLine() {
		String configprops = get("/actuator/configprops");
		assertThat(configprops).contains("apiKey").contains("signingKeys");
		assertNoKey(configprops);
	}

	private String get(String path) {
		return RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static void assertNoKey(String body) {
		assertThat(body).doesNotContain(KEY).doesNotContain(OLD_KEY).doesNotContain("sk_cmdline");
	}

}
