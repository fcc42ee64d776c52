package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Scenario 6 as run by the suite: {@link AttackedReceiverApp} on a 512 MB heap in one JVM,
 * {@link ReceiverAttackGenerator} in another, then the table.
 */
final class ReceiverAttackScenario {

	private static final String[][] KINDS = { { "unsigned", "unsigned bodies of the largest size" },
			{ "wrong-signature", "wrongly signed bodies of the largest size" },
			{ "slow", "slow senders (1 byte/s, largest size declared)" } };

	private static final long FULL_GC_INTERVAL_MILLIS = 1000;

	private ReceiverAttackScenario() {
	}

	static Section run(ChildJvm jvm, Settings settings) {
		List<String> appArgs = new ArrayList<>(
				List.of("--skyvern.webhooks.max-body-size=" + settings.attackBodyMegabytes() + "MB"));
		if (settings.quick()) {
			appArgs.addAll(List.of("--skyvern.webhooks.max-in-flight-body-size=4MB",
					"--skyvern.webhooks.body-read-timeout=1s"));
		}
		Process app = jvm.start("6-attacked-app", settings.jvmOptions("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
				"-Dbench.fullGcIntervalMillis=" + FULL_GC_INTERVAL_MILLIS),
				AttackedReceiverApp.class, appArgs);
		try {
			String url = jvm.awaitLine("6-attacked-app", app, "APP ", 120);
			Properties figures;
			try {
				figures = jvm.run("6-attack", settings.jvmOptions("-Xmx512m"), ReceiverAttackGenerator.class,
						List.of(url, Integer.toString(settings.attackBodyMegabytes() * 1024 * 1024),
								Integer.toString(settings.attackers()), Integer.toString(settings.slowSenders()),
								Long.toString(settings.attackPhaseMillis())),
						900);
			}
			catch (IllegalStateException ex) {
				if (app.isAlive()) {
					throw ex;
				}
				return died(settings, app.exitValue());
			}
			return section(settings, figures, app.isAlive());
		}
		finally {
			app.destroy();
		}
	}

	private static Section died(Settings settings, int exitValue) {
		String markdown = "## 6. The receiver under attack\n\nThe application (`-Xmx512m`, "
				+ "`-XX:+ExitOnOutOfMemoryError`) exited with " + exitValue + " during the attack: it ran out of "
				+ "memory. See `6-attacked-app.log`.\n";
		return new Section(markdown, List.of(new Section.SummaryRow("6. receiver under attack",
				settings.attackers() + " concurrent bodies, -Xmx512m", "OutOfMemoryError", "no OOM",
				Section.SummaryRow.verdict(false))));
	}

	private static Section section(Settings settings, Properties figures, boolean alive) {
		List<List<String>> rows = new ArrayList<>();
		List<Section.SummaryRow> summary = new ArrayList<>();
		for (String[] kind : KINDS) {
			String key = "attack." + kind[0] + ".";
			long[] heap = heap(figures.getProperty(key + "heap"));
			long sent = Results.number(figures, key + "deliveries");
			long delivered = Results.number(figures, key + "delivered");
			long firstAttempt = Results.number(figures, key + "deliveredFirstAttempt");
			long events = Results.number(figures, key + "events");
			double[] latencies = Results.doubles(figures, key + "latencyMillis");
			String latency = (latencies.length == 0) ? "–"
					: Markdown.format("%.0f / %.0f", Stats.median(latencies), Stats.max(latencies));
			rows.add(List.of(kind[1], figures.getProperty(key + "senders"), figures.getProperty(key + "requests"),
					figures.getProperty(key + "answers"), figures.getProperty(key + "megabytesSent"),
					delivered + " / " + sent + " (" + firstAttempt + ")", latency,
					figures.getProperty(key + "healthMaxMillis") + " (" + figures.getProperty(key + "healthFailures")
							+ ")",
					mb(heap[4]), mb(heap[1]), (heap[3] > 0) ? mb(heap[0]) : "–", mb(heap[2]), Long.toString(events)));
			boolean allProcessed = alive && sent > 0 && delivered == sent && events == delivered;
			String who = figures.getProperty(key + "senders") + " " + kind[1];
			if (kind[0].equals("slow")) {
				boolean inTime = allProcessed && firstAttempt == sent && Stats.max(latencies) < 30_000;
				summary.add(new Section.SummaryRow("6. receiver under attack",
						who + ": valid deliveries answered 2xx, latency median / max ms",
						delivered + " / " + sent + ", " + latency + " ms", "all, within 30 s",
						Section.SummaryRow.verdict(inTime)));
			}
			else {
				summary.add(new Section.SummaryRow("6. receiver under attack",
						who + ", -Xmx512m: live heap peak; valid deliveries processed",
						mb(heap[4]) + " MB; " + delivered + " / " + sent, "no OOM; all",
						Section.SummaryRow.verdict(allProcessed)));
			}
		}
		long[] idle = heap(figures.getProperty("idle"));
		String markdown = "## 6. The receiver under attack\n\n"
				+ "One Spring MVC application (embedded Tomcat with its defaults: 200 threads; `-Xmx512m "
				+ "-XX:+ExitOnOutOfMemoryError`; `@EnableSkyvernWebhooks` with `skyvern.webhooks.max-body-size="
				+ settings.attackBodyMegabytes() + "MB`"
				+ (settings.quick() ? ", a 4MB `max-in-flight-body-size` and a 1s `body-read-timeout`"
						: " and every other property at its default: `max-in-flight-body-size=64MB`, "
								+ "`body-read-timeout=10s`")
				+ ") is attacked from another JVM, one kind of attack per phase of "
				+ settings.attackPhaseMillis() / 1000 + " s. Fast senders each open a connection, declare and send a "
				+ "body of the largest accepted size as fast as loopback carries it (stopping when an answer "
				+ "arrives; \"MB written\" counts what went into their sockets, read by the application or not), "
				+ "read the answer and start over; slow senders declare such a body and send one byte "
				+ "a second until answered. Meanwhile a sender that behaves like Skyvern delivers a valid, signed "
				+ "2 KB run-finished webhook every second (new run each time; up to 3 attempts of 30 s, retried "
				+ "on 408/425/429/5xx and network errors after `Retry-After` or 1-3 s), and `/actuator/health` is "
				+ "asked every second. Delivered: deliveries answered 2xx (in brackets: at the first attempt); "
				+ "latency from the first attempt to the 2xx. Heap, in the application, peaks per phase: live "
				+ "(in use right after a full collection the application asks for every "
				+ FULL_GC_INTERVAL_MILLIS / 1000 + " s: what was reachable, which is what decides an "
				+ "`OutOfMemoryError`), in use sampled every 5 ms (garbage included: G1 fills the heap before "
				+ "collecting its old regions), in use after G1's own collections (old regions of garbage "
				+ "included), and the bytes reserved in the receiver's body budget. Live heap when idle, before "
				+ "the attacks: " + mb(idle[4])
				+ " MB. The application " + (alive ? "was still serving after the last phase."
						: "**was not running after the last phase**.")
				+ "\n\n"
				+ Markdown.table(List.of("attack", "senders", "attack requests", "answers to them", "MB written",
						"valid deliveries: delivered / sent (first attempt)", "latency median / max ms",
						"health max ms (failed)", "live heap peak MB", "heap used peak MB", "after G1's GCs peak MB",
						"body budget peak MB",
						"events published"), rows);
		return new Section(markdown, summary);
	}

	private static long[] heap(String figures) {
		String[] parts = figures.split(" ");
		return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
				Long.parseLong(parts[3]), Long.parseLong(parts[4]) };
	}

	private static String mb(long bytes) {
		return Markdown.format("%.1f", bytes / (1024.0 * 1024.0));
	}

}
