package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import io.github.skyvernstarter.autoconfigure.SkyvernWebhookProperties;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Scenario 4: API calls per completed run, waiting by polling every 10 s (like the official SDKs)
 * against waiting with run-finished webhooks, for runs of a given length.
 * <p>
 * Time is scaled: every duration (run length, poll interval, fallback poll interval, wait timeout)
 * is divided by the same factor, so the counts are those of the real durations while a five-minute
 * run takes seconds. The simulator delivers each run's webhook, signed, to the receiver of a real
 * Spring MVC application over loopback.
 */
public final class ApiCallsBenchmark {

	private ApiCallsBenchmark() {
	}

	/**
	 * Run the scenario in this JVM.
	 * @param args result file, time scale, runs per batch, run lengths in seconds (comma separated)
	 */
	public static void main(String[] args) {
		Path resultFile = Path.of(args[0]);
		long scale = Long.parseLong(args[1]);
		int runs = Integer.parseInt(args[2]);
		Duration poll = Duration.ofSeconds(10);
		Duration fallbackPoll = new SkyvernWebhookProperties().getFallbackPollInterval();
		Properties figures = new Properties();
		figures.setProperty("fallbackPollSeconds", Long.toString(fallbackPoll.toSeconds()));
		for (String length : args[3].split(",")) {
			long runMillis = Long.parseLong(length) * 1000 / scale;
			String key = "run" + length + "s";
			try (RunSimulator simulator = new RunSimulator(runMillis, runMillis, 1, null);
					ConfigurableApplicationContext context = ClientApp.start(simulator.baseUrl(),
							Map.of("skyvern.poll-interval", scaled(poll, scale), "skyvern.wait-timeout",
									scaled(Duration.ofMinutes(30), scale)))) {
				long completed = waitAll(context, runs);
				record(figures, key + ".polling", completed, simulator, 0, runs);
			}
			WebhookSender sender = new WebhookSender(ClientApp.API_KEY);
			int port = freePort();
			try (RunSimulator simulator = new RunSimulator(runMillis, runMillis, 1, sender);
					ConfigurableApplicationContext context = WebhookIngestionApp.start(Map.of("server.port",
							port, "skyvern.base-url", simulator.baseUrl(), "skyvern.webhooks.public-url",
							"http://127.0.0.1:" + port, "skyvern.poll-interval", scaled(poll, scale),
							"skyvern.webhooks.fallback-poll-interval", scaled(fallbackPoll, scale),
							"skyvern.wait-timeout", scaled(Duration.ofMinutes(30), scale)))) {
				long completed = waitAll(context, runs);
				// A wait ends when the receiver has the webhook, a moment before the sender sees the answer.
				sender.awaitAnswers(simulator.lastRun(), Duration.ofSeconds(10));
				long delivered = LongStream.rangeClosed(simulator.lastRun() - runs + 1, simulator.lastRun())
					.filter((id) -> sender.delivered("wr_" + id))
					.count();
				record(figures, key + ".webhooks", completed, simulator, delivered, runs);
			}
		}
		Results.write(resultFile, figures);
	}

	private static long waitAll(ConfigurableApplicationContext context, int runs) {
		ReactiveSkyvernWorkflowOperations reactive = context.getBean(ReactiveSkyvernWorkflowOperations.class);
		// Warm the client first: a cold JVM's first calls take milliseconds, which the time scale would
		// stretch into seconds.
		Flux.range(0, 500).concatMap((i) -> reactive.getRun("wr_warmup")).blockLast();
		Flux.range(0, 50).concatMap((i) -> reactive.runWorkflow(RunWorkflowRequest.builder("wpid_warmup").build()))
			.blockLast();
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_bench").waitForCompletion().build();
		AtomicLong completed = new AtomicLong();
		Flux.range(0, runs).flatMap((i) -> reactive.runWorkflow(request), runs)
			.doOnNext((run) -> completed.incrementAndGet())
			.blockLast();
		return completed.get();
	}

	private static void record(Properties figures, String key, long completed, RunSimulator simulator,
			long webhooks, int runs) {
		// The measured runs are the last ones created: the warm-up's come first.
		double[] callsPerRun = Arrays.stream(simulator.getsPerRunAfter(simulator.lastRun() - runs))
			.mapToDouble((gets) -> 1 + gets)
			.toArray();
		figures.setProperty(key + ".completed", Long.toString(completed));
		figures.setProperty(key + ".runs", Long.toString(callsPerRun.length));
		figures.setProperty(key + ".callsPerRun", Results.join(callsPerRun));
		figures.setProperty(key + ".webhooksDelivered", Long.toString(webhooks));
	}

	private static String scaled(Duration duration, long scale) {
		return duration.toMillis() / scale + "ms";
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
