package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.store.SharedRunCompletionSource;
import io.github.skyvernstarter.webhook.SkyvernWebhookSignature;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 7, in this JVM: the shared stores. Delivery throughput of one instance with each store
 * relative to the in-memory one; the time from a webhook answered by instance C to the wait on
 * instance A returning (3 instances); and the API calls per waited run with the reconciler on. A store
 * whose server does not answer on loopback is reported as skipped.
 */
final class SharedStoresScenario {

	private static final String KEY = "sk-bench-shared-stores";

	private SharedStoresScenario() {
	}

	static Section run(Settings settings) {
		int deliveries = settings.quick() ? 200 : 4_000;
		// Waits are timed per run: from its delivery being sent to C until its wait on A returns.
		int waits = settings.quick() ? 20 : 200;
		List<List<String>> rows = new ArrayList<>();
		List<Section.SummaryRow> summary = new ArrayList<>();
		double memoryRate = 0;
		try (LoopbackSkyvern skyvern = new LoopbackSkyvern()) {
			for (String store : List.of("memory", "redis", "postgres", "mariadb")) {
				if (!reachable(store)) {
					rows.add(List.of(store, "skipped: not reachable on loopback", "", "", "", ""));
					continue;
				}
				String prefix = "BENCH" + UUID.randomUUID().toString().replace("-", "").substring(0, 6)
					.toUpperCase(Locale.ROOT) + "_";
				try {
					double rate = throughput(skyvern, store, prefix, deliveries);
					memoryRate = store.equals("memory") ? rate : memoryRate;
					String relative = (memoryRate > 0) ? Markdown.format("%.0f %%", 100 * rate / memoryRate) : "";
					if (store.equals("memory")) {
						rows.add(List.of(store, Markdown.format("%.0f", rate), relative, "–", "–", "–"));
						continue;
					}
					double[] latencies = crossInstanceWaits(skyvern, store, prefix, waits);
					double calls = skyvern.calls() / (double) waits;
					rows.add(List.of(store, Markdown.format("%.0f", rate), relative,
							Markdown.format("%.0f ms", Stats.percentile(latencies, 50)),
							Markdown.format("%.0f ms", Stats.percentile(latencies, 99)), Markdown.format("%.2f", calls)));
					summary.add(new Section.SummaryRow("7. Shared stores", store + ": webhook to wait, p99",
							Markdown.format("%.0f ms", Stats.percentile(latencies, 99)), "≤ 2000 ms",
							Section.SummaryRow.verdict(Stats.percentile(latencies, 99) <= 2000)));
					summary.add(new Section.SummaryRow("7. Shared stores", store + ": API calls per waited run",
							Markdown.format("%.2f", calls), "≤ 2", Section.SummaryRow.verdict(calls <= 2)));
				}
				finally {
					drop(store, prefix);
				}
			}
		}
		String markdown = "## 7. Shared stores (several instances)\n\n"
				+ "In this JVM, against Redis, PostgreSQL and MariaDB on loopback. Throughput: one Spring MVC instance "
				+ "with `@EnableSkyvernWebhooks` and `skyvern.store.type` as named; " + deliveries + " signed deliveries "
				+ "of distinct runs, 16 at a time, each one claimed, published to a listener that does nothing, and "
				+ "marked. Waits: three instances sharing the store, reconciler on (interval 1 s); " + waits
				+ " runs started and waited for on instance A, 10 at a time, each run's webhook delivered to "
				+ "instance C once A waits; latency from the delivery being sent to C to A's wait returning. API calls per waited "
				+ "run: every call the fake Skyvern received (run starts, run reads, run listings) divided by the "
				+ "runs.\n\n"
				+ Markdown.table(List.of("store", "deliveries/s", "relative to memory", "webhook to wait p50",
						"p99", "API calls per waited run"), rows);
		return new Section(markdown, summary);
	}

	private static double throughput(LoopbackSkyvern skyvern, String store, String prefix, int deliveries)
			throws RuntimeException {
		try (ConfigurableApplicationContext instance = start(skyvern, store, prefix)) {
			int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			deliver(http, port, "wr_warm" + prefix, 50);
			long started = System.nanoTime();
			deliver(http, port, "wr_t" + prefix.toLowerCase(Locale.ROOT), deliveries);
			return deliveries / ((System.nanoTime() - started) / 1e9);
		}
	}

	private static void deliver(HttpClient http, int port, String runPrefix, int count) {
		ExecutorService senders = Executors.newFixedThreadPool(16);
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String runId = runPrefix + i;
				answers.add(senders.submit(() -> deliver(http, port, runId)));
			}
			for (Future<Integer> answer : answers) {
				if (answer.get() != 200) {
					throw new IllegalStateException("Delivery answered " + answer.get());
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			senders.shutdownNow();
		}
	}

	private static int deliver(HttpClient http, int port, String runId) throws IOException, InterruptedException {
		byte[] body = LoopbackSkyvern.run(runId, "completed").getBytes(StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/skyvern/webhooks"))
			.header("Content-Type", "application/json")
			.header("x-skyvern-signature", SkyvernWebhookSignature.withKey(KEY).sign(body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static double[] crossInstanceWaits(LoopbackSkyvern skyvern, String store, String prefix, int waits) {
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				instances.add(start(skyvern, store, prefix));
			}
			ReactiveSkyvernWorkflowOperations template = instances.get(0)
				.getBean(ReactiveSkyvernWorkflowOperations.class);
			SharedRunCompletionSource source = instances.get(0).getBean(SharedRunCompletionSource.class);
			int portC = ((WebServerApplicationContext) instances.get(2)).getWebServer().getPort();
			HttpClient http = HttpClient.newHttpClient();
			skyvern.resetCalls();
			double[] latencies = new double[waits];
			AtomicInteger index = new AtomicInteger();
			Map<String, Long> sentAt = new ConcurrentHashMap<>();
			ExecutorService waiters = Executors.newFixedThreadPool(10);
			try {
				for (int batch = 0; batch < waits; batch += 10) {
					int size = Math.min(waits, batch + 10) - batch;
					List<Future<?>> done = new ArrayList<>();
					for (int i = 0; i < size; i++) {
						done.add(waiters.submit(() -> {
							SkyvernRun run = template
								.runWorkflow(RunWorkflowRequest.builder("wpid_bench").waitForCompletion().build())
								.block(Duration.ofMinutes(1));
							long finished = System.nanoTime();
							latencies[index.getAndIncrement()] = (finished - sentAt.get(run.runId())) / 1e6;
							return null;
						}));
					}
					long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
					while (source.waitedRuns() < size && System.nanoTime() < deadline) {
						Thread.sleep(5);
					}
					for (String runId : skyvern.lastRunIds(size)) {
						sentAt.put(runId, System.nanoTime());
						deliver(http, portC, runId);
					}
					for (Future<?> wait : done) {
						wait.get(1, TimeUnit.MINUTES);
					}
				}
			}
			finally {
				waiters.shutdownNow();
			}
			return latencies;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
		}
	}

	private static ConfigurableApplicationContext start(LoopbackSkyvern skyvern, String store, String prefix) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.main.web-application-type", "servlet");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("spring.application.name", "bench");
		properties.put("skyvern.api-key", KEY);
		properties.put("skyvern.base-url", "http://127.0.0.1:" + skyvern.port());
		properties.put("skyvern.webhooks.public-url", "https://app.example.com");
		properties.put("skyvern.reconciler.interval", "1s");
		properties.put("skyvern.store.type", store.equals("memory") ? "memory" : store.equals("redis") ? "redis" : "jdbc");
		properties.put("skyvern.store.jdbc.table-prefix", prefix);
		properties.put("skyvern.store.jdbc.initialize-schema", "always");
		properties.put("skyvern.store.redis.key-prefix", "bench:" + prefix + ":");
		properties.put("bench.store", store);
		properties.put("spring.http.clients.reactive.connector", "jdk");
		return new SpringApplicationBuilder(SharedStoreApp.class).properties(properties).run();
	}

	private static boolean reachable(String store) {
		if (store.equals("memory")) {
			return true;
		}
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port(store)), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int port(String store) {
		return switch (store) {
			case "redis" -> 6379;
			case "postgres" -> 5432;
			default -> 3306;
		};
	}

	static String jdbcUrl(String store) {
		return store.equals("postgres") ? "jdbc:postgresql://127.0.0.1:5432/test" : "jdbc:mariadb://127.0.0.1:3306/test";
	}

	static String user(String store) {
		return store.equals("postgres") ? "postgres" : "root";
	}

	private static void drop(String store, String prefix) {
		if (store.equals("postgres") || store.equals("mariadb")) {
			try (Connection connection = DriverManager.getConnection(jdbcUrl(store), user(store), "");
					Statement statement = connection.createStatement()) {
				for (String table : new String[] { "DELIVERY", "RUN", "LEASE", "FINISHED" }) {
					statement.execute("DROP TABLE IF EXISTS " + prefix + table);
				}
			}
			catch (Exception ex) {
				System.err.println("Could not drop the benchmark tables " + prefix + "*: " + ex);
			}
		}
	}

}
