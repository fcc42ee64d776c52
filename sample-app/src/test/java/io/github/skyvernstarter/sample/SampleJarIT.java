package io.github.skyvernstarter.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged sample: {@code java -jar sample-app/target/*.jar} starts it offline, as README says.
 * Runs after {@code package} (failsafe), against the jar the build produced.
 */
class SampleJarIT {

	private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

	private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

	private final Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));

	@Test
	void jarIsExecutableWithTheSampleAsStartClass() throws IOException {
		assertThat(this.jar).exists();
		try (JarFile file = new JarFile(this.jar.toFile())) {
			Attributes manifest = file.getManifest().getMainAttributes();
			assertThat(manifest.getValue("Main-Class")).startsWith("org.springframework.boot.loader.");
			assertThat(manifest.getValue("Start-Class")).isEqualTo(SampleApplication.class.getName());
		}
	}

	@Test
	void jarRunsOfflineOnTheFakeSkyvernWithoutWireMock() throws IOException {
		try (JarFile file = new JarFile(this.jar.toFile())) {
			List<String> libraries = file.stream()
				.map((entry) -> entry.getName())
				.filter((name) -> name.startsWith("BOOT-INF/lib/"))
				.toList();
			assertThat(libraries).anyMatch((name) -> name.contains("skyvern-spring-boot-fake"))
				.noneMatch((name) -> name.contains("wiremock"));
		}
	}

	@Test
	void javaDashJarStartsTheSampleOfflineAndRunsAWorkflow() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// C1 only: a short-lived process starts faster without the optimizing compiler.
		ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar", this.jar.toString(),
				"--server.port=0", "--sample.demo.enabled=false", "--sample.simulator.step-delay=20ms",
				"--spring.main.banner-mode=off")
			.redirectErrorStream(true);
		// Offline whatever the machine has set.
		builder.environment().keySet().removeIf((name) -> name.startsWith("SKYVERN_"));
		Process process = builder.start();
		List<String> output = new ArrayList<>();
		BlockingQueue<String> lines = new LinkedBlockingQueue<>();
		Thread reader = new Thread(() -> readLines(process, lines), "sample-jar-output");
		reader.setDaemon(true);
		reader.start();
		try {
			int port = awaitPort(process, lines, output);
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> health = http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"UP\"");
			HttpResponse<String> run = http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/workflows/wpid_jar/runs?wait=true"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(run.statusCode()).isEqualTo(201);
			assertThat(run.body()).contains("\"status\":\"completed\"");
		}
		finally {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			reader.join(5_000);
		}
	}

	private static int awaitPort(Process process, BlockingQueue<String> lines, List<String> output)
			throws InterruptedException {
		long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			String line = lines.poll(1, TimeUnit.SECONDS);
			if (line != null) {
				output.add(line);
				Matcher port = PORT.matcher(line);
				if (port.find()) {
					return Integer.parseInt(port.group(1));
				}
			}
			else if (!process.isAlive()) {
				break;
			}
		}
		return fail("The sample did not start from " + System.getProperty("sample.jar") + ":\n"
				+ String.join("\n", output));
	}

	private static void readLines(Process process, BlockingQueue<String> lines) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				lines.add(line);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

}
