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
 * Scenario 3 (load side): signed run-finished POSTs from a fixed number of workers, rotating
 * between the starter's receiver, a hand-written verifying endpoint and a bare endpoint of the same
 * application, in phases of equal length.
 * <p>
 * Every delivery carries a new run id, so the receiver does its full work each time (verification,
 * idempotency claim, event); the other endpoints get the same signed bodies.
 */
public final class WebhookLoadGenerator {

	/** The endpoints measured, in the order of their figures: the receiver, the hand-written one, the bare one. */
	static final List<String> SIDES = List.of("receiver", "handWritten", "bare");

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
		URI handWritten = URI.create(app + HandWrittenWebhookController.PATH);
		int rounds = Integer.parseInt(args[3]);
		long phaseMillis = Long.parseLong(args[4]);
		long warmupMillis = Long.parseLong(args[5]);
		int workers = Integer.parseInt(args[6]);
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Properties figures = new Properties();
		long eventsBefore = events(client, app, WebhookIngestionApp.EVENTS_PATH);
		long handWrittenEventsBefore = events(client, app, WebhookIngestionApp.HAND_WRITTEN_EVENTS_PATH);
		long receiverAccepted = 0;
		List<URI> targets = List.of(receiver, handWritten, bare);
		for (String size : args[7].split(",")) {
			WebhookBodies bodies = new WebhookBodies(Integer.parseInt(size));
			WebhookSigner signer = new WebhookSigner(ClientApp.API_KEY, bodies.prefix());
			for (URI target : targets) {
				phase(client, target, target == receiver, bodies, signer, warmupMillis, workers);
			}
			double[][] rps = new double[SIDES.size()][rounds];
			double[][] p99 = new double[SIDES.size()][rounds];
			double[][] median = new double[SIDES.size()][rounds];
			long failures = 0;
			List<String> statuses = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				// The side going first rotates, so that each follows each in turn.
				for (int turn = 0; turn < SIDES.size(); turn++) {
					int side = (round + turn) % SIDES.size();
					URI target = targets.get(side);
					Phase result = phase(client, target, target == receiver, bodies, signer, phaseMillis, workers);
					failures += result.failures();
					statuses.addAll(result.failureStatuses());
					if (target == receiver) {
						receiverAccepted += result.ok();
					}
					rps[side][round] = result.ok() * 1000.0 / phaseMillis;
					p99[side][round] = Stats.percentile(result.latencies(), 99) / 1e6;
					median[side][round] = Stats.percentile(result.latencies(), 50) / 1e6;
				}
			}
			String key = "size." + bodies.size("wr_1");
			for (int side = 0; side < SIDES.size(); side++) {
				String name = key + "." + SIDES.get(side);
				figures.setProperty(name + "Rps", Results.join(rps[side]));
				figures.setProperty(name + "P99Millis", Results.join(p99[side]));
				figures.setProperty(name + "MedianMillis", Results.join(median[side]));
			}
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
		figures.setProperty("eventsPublished",
				Long.toString(events(client, app, WebhookIngestionApp.EVENTS_PATH) - eventsBefore));
		figures.setProperty("handWrittenEventsPublished", Long.toString(
				events(client, app, WebhookIngestionApp.HAND_WRITTEN_EVENTS_PATH) - handWrittenEventsBefore));
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

	private static long events(HttpClient client, String app, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(app + path)).build();
		HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
		return Long.parseLong(response.body().strip());
	}

	private static Phase phase(HttpClient client, URI target, boolean toReceiver, WebhookBodies bodies,
			WebhookSigner signer, long millis, int workers) throws InterruptedException {
		long deadline = System.nanoTime() + millis * 1_000_000L;
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
