package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import io.github.skyvernstarter.model.SkyvernHeaders;

/**
 * Scenario 6 (attack side): hostile senders against the receiver, one kind per phase, while a
 * sender that behaves like Skyvern delivers a valid run-finished webhook every second.
 * <p>
 * Kinds: {@code unsigned} and {@code wrong-signature} senders post bodies of the largest accepted
 * size as fast as loopback carries them, one after another on each of their connections;
 * {@code slow} senders declare such a body and send one byte a second. Each sender counts how its
 * requests were answered, in its own thread.
 */
public final class ReceiverAttackGenerator {

	private static final String[] KINDS = { "unsigned", "wrong-signature", "slow" };

	private static final int CHUNK = 64 * 1024;

	private static final AtomicLong runIds = new AtomicLong();

	private ReceiverAttackGenerator() {
	}

	/**
	 * Run the attacks in this JVM.
	 * @param args result file, application base URL, body size in bytes, concurrent fast senders,
	 * concurrent slow senders, phase milliseconds
	 * @throws Exception on a transport failure outside the attacks
	 */
	public static void main(String[] args) throws Exception {
		Path resultFile = Path.of(args[0]);
		URI app = URI.create(args[1]);
		int bodySize = Integer.parseInt(args[2]);
		int fastSenders = Integer.parseInt(args[3]);
		int slowSenders = Integer.parseInt(args[4]);
		long phaseMillis = Long.parseLong(args[5]);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		Properties figures = new Properties();
		byte[] attackBody = new byte[bodySize];
		Arrays.fill(attackBody, (byte) 'x');
		Thread.sleep(1000);
		figures.setProperty("idle", get(http, app, AttackedReceiverApp.HEAP_PATH));
		for (String kind : KINDS) {
			long eventsBefore = Long.parseLong(get(http, app, WebhookIngestionApp.EVENTS_PATH));
			get(http, app, AttackedReceiverApp.HEAP_PATH);
			long end = System.nanoTime() + phaseMillis * 1_000_000L;
			Tally attacks = new Tally();
			List<Thread> attackers = new ArrayList<>();
			int senders = kind.equals("slow") ? slowSenders : fastSenders;
			for (int i = 0; i < senders; i++) {
				Thread attacker = new Thread(() -> attack(app, kind, attackBody, end, attacks), "attacker-" + i);
				attacker.setDaemon(true);
				attacker.start();
				attackers.add(attacker);
			}
			SkyvernLikeSender skyvern = new SkyvernLikeSender(http, app, ClientApp.API_KEY);
			List<Long> healthMillis = new ArrayList<>();
			int healthFailures = 0;
			while (System.nanoTime() < end) {
				skyvern.deliverInBackground("wr_attack_" + runIds.incrementAndGet());
				long start = System.nanoTime();
				try {
					HttpResponse<Void> health = http.send(HttpRequest.newBuilder(app.resolve("/actuator/health"))
						.timeout(Duration.ofSeconds(30))
						.build(), HttpResponse.BodyHandlers.discarding());
					healthFailures += (health.statusCode() == 200) ? 0 : 1;
				}
				catch (IOException ex) {
					healthFailures++;
				}
				healthMillis.add((System.nanoTime() - start) / 1_000_000);
				Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - start) / 1_000_000));
			}
			for (Thread attacker : attackers) {
				attacker.interrupt();
				attacker.join();
			}
			skyvern.awaitAll();
			String prefix = "attack." + kind + ".";
			figures.setProperty(prefix + "senders", Integer.toString(senders));
			figures.setProperty(prefix + "requests", Long.toString(attacks.requests.sum()));
			figures.setProperty(prefix + "answers", attacks.answers());
			figures.setProperty(prefix + "megabytesSent", Long.toString(attacks.bytes.sum() / (1024 * 1024)));
			figures.setProperty(prefix + "deliveries", Integer.toString(skyvern.sent()));
			figures.setProperty(prefix + "delivered", Integer.toString(skyvern.delivered()));
			figures.setProperty(prefix + "deliveredFirstAttempt", Integer.toString(skyvern.deliveredFirstAttempt()));
			figures.setProperty(prefix + "latencyMillis", Results.join(skyvern.latenciesMillis()));
			figures.setProperty(prefix + "healthMaxMillis",
					Long.toString(healthMillis.stream().mapToLong(Long::longValue).max().orElse(0)));
			figures.setProperty(prefix + "healthFailures", Integer.toString(healthFailures));
			figures.setProperty(prefix + "events",
					Long.toString(Long.parseLong(get(http, app, WebhookIngestionApp.EVENTS_PATH)) - eventsBefore));
			figures.setProperty(prefix + "heap", get(http, app, AttackedReceiverApp.HEAP_PATH));
		}
		Results.write(resultFile, figures);
	}

	private static String get(HttpClient http, URI app, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(app.resolve(path)).timeout(Duration.ofSeconds(60)).build();
		return http.send(request, HttpResponse.BodyHandlers.ofString()).body().strip();
	}

	private static void attack(URI app, String kind, byte[] body, long end, Tally tally) {
		while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
			try (Socket socket = new Socket()) {
				// Reset rather than linger: an attacker leaves nothing in TIME_WAIT on its side.
				socket.setSoLinger(true, 0);
				socket.connect(new InetSocketAddress(app.getHost(), app.getPort()), 5000);
				socket.setSoTimeout(30_000);
				OutputStream out = socket.getOutputStream();
				InputStream in = socket.getInputStream();
				out.write(head(app, kind, body.length));
				tally.requests.increment();
				String answer = kind.equals("slow") ? sendSlowly(in, out, end, tally)
						: sendFast(in, out, body, end, tally);
				tally.answer((answer != null) ? answer : status(in));
			}
			catch (IOException ex) {
				tally.answer("connect failed");
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private static String sendFast(InputStream in, OutputStream out, byte[] body, long end, Tally tally)
			throws IOException {
		try {
			for (int offset = 0; offset < body.length; offset += CHUNK) {
				if (in.available() > 0 || System.nanoTime() > end) {
					return null;
				}
				int length = Math.min(CHUNK, body.length - offset);
				out.write(body, offset, length);
				tally.bytes.add(length);
			}
			return null;
		}
		catch (IOException ex) {
			return (in.available() > 0) ? null : "reset while sending";
		}
	}

	private static String sendSlowly(InputStream in, OutputStream out, long end, Tally tally)
			throws IOException, InterruptedException {
		try {
			while (System.nanoTime() < end) {
				if (in.available() > 0) {
					return null;
				}
				out.write('x');
				out.flush();
				tally.bytes.add(1);
				Thread.sleep(1000);
			}
			return "still sending at the end";
		}
		catch (IOException ex) {
			return (in.available() > 0) ? null : "reset while sending";
		}
	}

	private static String status(InputStream in) {
		try {
			byte[] line = new byte[12];
			int read = in.readNBytes(line, 0, line.length);
			String text = new String(line, 0, read, StandardCharsets.US_ASCII);
			return text.startsWith("HTTP/1.1 ") ? text.substring(9, 12) : "closed";
		}
		catch (IOException ex) {
			return "reset";
		}
	}

	private static byte[] head(URI app, String kind, int length) {
		StringBuilder head = new StringBuilder("POST /skyvern/webhooks HTTP/1.1\r\nHost: " + app.getHost() + "\r\n");
		head.append("Content-Type: application/json\r\nContent-Length: ").append(length).append("\r\n");
		if (!kind.equals("unsigned")) {
			head.append(SkyvernHeaders.SIGNATURE).append(": ").append("0f".repeat(32)).append("\r\n");
		}
		return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * What the attackers sent and how they were answered.
	 */
	static final class Tally {

		final LongAdder requests = new LongAdder();

		final LongAdder bytes = new LongAdder();

		private final Map<String, LongAdder> answers = new ConcurrentSkipListMap<>();

		void answer(String answer) {
			this.answers.computeIfAbsent(answer, (key) -> new LongAdder()).increment();
		}

		String answers() {
			return this.answers.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ": " + entry.getValue().sum())
				.collect(Collectors.joining(", "));
		}

	}

}
