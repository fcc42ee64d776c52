package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;

/**
 * Scenario 3 (load side): signed run-finished POSTs from a fixed number of workers, alternating
 * between the starter's receiver and a bare endpoint of the same application, in phases of equal
 * length.
 * <p>
 * Every delivery carries a new run id, so the receiver does its full work each time (verification,
 * idempotency claim, event); the bare endpoint gets the same signed bodies.
 */
public final class WebhookLoadGenerator {

	private static final AtomicLong runIds = new AtomicLong();

	/** Every 2xx answer of the receiver, warm-up included, to check against the events published. */
	private static final AtomicLong receiverDeliveries = new AtomicLong();

	private WebhookLoadGenerator() {
	}

	/**
	 * Run the load in this JVM.
	 * @param args result file, application base URL, receiver path, rounds, phase milliseconds,
	 * warm-up milliseconds per side, concurrent workers, body sizes in bytes (comma separated)
	 * @throws Exception on a transport failure outside a phase
	 */
	public static void main(String[] args) throws Exception {
		Path resultFile = Path.of(args[0]);
		String app = args[1];
		URI receiver = URI.create(app + args[2]);
		URI bare = URI.create(app + WebhookIngestionApp.BARE_PATH);
		int rounds = Integer.parseInt(args[3]);
		long phaseMillis = Long.parseLong(args[4]);
		long warmupMillis = Long.parseLong(args[5]);
		int workers = Integer.parseInt(args[6]);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Properties figures = new Properties();
		long eventsBefore = events(client, app);
		long receiverAccepted = 0;
		for (String size : args[7].split(",")) {
			WebhookBodies bodies = new WebhookBodies(Integer.parseInt(size));
			WebhookSigner signer = new WebhookSigner(ClientApp.API_KEY, bodies.prefix());
			phase(client, receiver, bodies, signer, warmupMillis, workers);
			phase(client, bare, bodies, signer, warmupMillis, workers);
			double[] receiverRps = new double[rounds];
			double[] bareRps = new double[rounds];
			double[] receiverP99 = new double[rounds];
			double[] bareP99 = new double[rounds];
			double[] receiverMedian = new double[rounds];
			double[] bareMedian = new double[rounds];
			long failures = 0;
			List<String> statuses = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				boolean receiverFirst = (round % 2 == 0);
				for (int turn = 0; turn < 2; turn++) {
					boolean toReceiver = (turn == 0) == receiverFirst;
					Phase result = phase(client, toReceiver ? receiver : bare, bodies, signer, phaseMillis, workers);
					failures += result.failures();
					statuses.addAll(result.failureStatuses());
					double rps = result.ok() * 1000.0 / phaseMillis;
					double p99 = Stats.percentile(result.latencies(), 99) / 1e6;
					double median = Stats.percentile(result.latencies(), 50) / 1e6;
					if (toReceiver) {
						receiverAccepted += result.ok();
						receiverRps[round] = rps;
						receiverP99[round] = p99;
						receiverMedian[round] = median;
					}
					else {
						bareRps[round] = rps;
						bareP99[round] = p99;
						bareMedian[round] = median;
					}
				}
			}
			String key = "size." + bodies.size("wr_1");
			figures.setProperty(key + ".receiverRps", Results.join(receiverRps));
			figures.setProperty(key + ".bareRps", Results.join(bareRps));
			figures.setProperty(key + ".receiverP99Millis", Results.join(receiverP99));
			figures.setProperty(key + ".bareP99Millis", Results.join(bareP99));
			figures.setProperty(key + ".receiverMedianMillis", Results.join(receiverMedian));
			figures.setProperty(key + ".bareMedianMillis", Results.join(bareMedian));
			figures.setProperty(key + ".failures", Long.toString(failures));
			figures.setProperty(key + ".hmacMicros", Double.toString(floor(bodies, true)));
			figures.setProperty(key + ".parseMicros", Double.toString(floor(bodies, false)));
			figures.setProperty(key + ".failureStatuses", String.join(",", statuses.stream().distinct().toList()));
		}
		figures.setProperty("sizes", String.join(",", figures.stringPropertyNames()
			.stream()
			.filter((name) -> name.endsWith(".receiverRps"))
			.map((name) -> name.substring("size.".length(), name.length() - ".receiverRps".length()))
			.sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
			.toList()));
		figures.setProperty("receiverAcceptedMeasured", Long.toString(receiverAccepted));
		figures.setProperty("eventsPublished", Long.toString(events(client, app) - eventsBefore));
		figures.setProperty("deliveriesToReceiver", Long.toString(receiverDeliveries.get()));
		Results.write(resultFile, figures);
	}

	/**
	 * Median time of one piece of work any verifying receiver must do per delivery, on this machine:
	 * HMAC-SHA256 over the whole body, or parsing the body into a {@link SkyvernRun}.
	 */
	private static double floor(WebhookBodies bodies, boolean hmac) {
		byte[] tail = bodies.tail("wr_floor");
		byte[] body = Arrays.copyOf(bodies.prefix(), bodies.prefix().length + tail.length);
		System.arraycopy(tail, 0, body, bodies.prefix().length, tail.length);
		WebhookSigner signer = new WebhookSigner(ClientApp.API_KEY);
		long[] samples = new long[400];
		for (int i = -200; i < samples.length; i++) {
			long start = System.nanoTime();
			Object result = hmac ? signer.sign(body) : SkyvernJson.mapper().readValue(body, SkyvernRun.class);
			long elapsed = System.nanoTime() - start;
			if (result == null) {
				throw new IllegalStateException("No result");
			}
			if (i >= 0) {
				samples[i] = elapsed;
			}
		}
		return Stats.percentile(samples, 50) / 1000.0;
	}

	private static long events(HttpClient client, String app) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(app + WebhookIngestionApp.EVENTS_PATH)).build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		return Long.parseLong(response.body().strip());
	}

	private static Phase phase(HttpClient client, URI target, WebhookBodies bodies, WebhookSigner signer,
			long millis, int workers) throws InterruptedException {
		long deadline = System.nanoTime() + millis * 1_000_000L;
		boolean toReceiver = !target.getPath().equals(WebhookIngestionApp.BARE_PATH);
		List<long[]> latencies = new ArrayList<>();
		AtomicLong ok = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		ConcurrentHashMap<String, Boolean> failureStatuses = new ConcurrentHashMap<>();
		List<Thread> threads = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			long[][] mine = { new long[4096] };
			int[] count = { 0 };
			Thread thread = new Thread(() -> {
				byte[] prefix = bodies.prefix();
				while (System.nanoTime() < deadline) {
					String runId = "wr_" + runIds.incrementAndGet();
					byte[] tail = bodies.tail(runId);
					byte[] body = Arrays.copyOf(prefix, prefix.length + tail.length);
					System.arraycopy(tail, 0, body, prefix.length, tail.length);
					HttpRequest request = HttpRequest.newBuilder(target)
						.timeout(Duration.ofSeconds(30))
						.header("Content-Type", "application/json")
						.header(SkyvernHeaders.SIGNATURE, signer.sign(tail))
						.header(SkyvernHeaders.TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000))
						.POST(HttpRequest.BodyPublishers.ofByteArray(body))
						.build();
					long start = System.nanoTime();
					try {
						HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
						long elapsed = System.nanoTime() - start;
						if (response.statusCode() / 100 == 2) {
							ok.incrementAndGet();
							if (toReceiver) {
								receiverDeliveries.incrementAndGet();
							}
							if (count[0] == mine[0].length) {
								mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
							}
							mine[0][count[0]++] = elapsed;
						}
						else {
							failures.incrementAndGet();
							failureStatuses.put(Integer.toString(response.statusCode()), true);
						}
					}
					catch (IOException ex) {
						failures.incrementAndGet();
						failureStatuses.put(ex.getClass().getSimpleName(), true);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				synchronized (latencies) {
					latencies.add(Arrays.copyOf(mine[0], count[0]));
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long[] all = latencies.stream().flatMapToLong(Arrays::stream).toArray();
		return new Phase(ok.get(), failures.get(), (all.length > 0) ? all : new long[] { 0 },
				List.copyOf(failureStatuses.keySet()));
	}

	record Phase(long ok, long failures, long[] latencies, List<String> failureStatuses) {

	}

}
