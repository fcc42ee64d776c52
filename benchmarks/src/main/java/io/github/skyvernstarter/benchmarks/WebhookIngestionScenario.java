package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.github.skyvernstarter.autoconfigure.SkyvernWebhookProperties;

/**
 * Scenario 3 as run by the suite: {@link WebhookIngestionApp} in one JVM, {@link WebhookLoadGenerator}
 * in another, then the table.
 */
final class WebhookIngestionScenario {

	/** Receiver / hand-written endpoint, requests per second, at every body size. */
	static final double TARGET_HAND_WRITTEN = 1.0;

	/** Receiver / bare endpoint, requests per second, with the small body. */
	static final double TARGET_BARE = 0.90;

	private WebhookIngestionScenario() {
	}

	static Section run(ChildJvm jvm, Settings settings) {
		Process app = jvm.start("3-webhook-app", settings.jvmOptions("-Xms512m", "-Xmx512m"),
				WebhookIngestionApp.class, List.of());
		try {
			String url = jvm.awaitLine("3-webhook-app", app, "APP ", 120);
			Properties figures = jvm.run("3-webhook-load", settings.jvmOptions("-Xmx1g"), WebhookLoadGenerator.class,
					List.of(url, SkyvernWebhookProperties.DEFAULT_PATH, Integer.toString(settings.webhookRounds()),
							Long.toString(settings.webhookPhaseMillis()), Long.toString(settings.webhookWarmupMillis()),
							Integer.toString(settings.webhookWorkers()), "2000,400000"),
					600);
			return section(settings, figures);
		}
		finally {
			app.destroy();
		}
	}

	private static Section section(Settings settings, Properties figures) {
		List<List<String>> rows = new ArrayList<>();
		List<Section.SummaryRow> summary = new ArrayList<>();
		String[] sizes = figures.getProperty("sizes").split(",");
		for (String size : sizes) {
			String key = "size." + size;
			double[] receiver = Results.doubles(figures, key + ".receiverRps");
			double[] handWritten = Results.doubles(figures, key + ".handWrittenRps");
			double[] bare = Results.doubles(figures, key + ".bareRps");
			double[] toHandWritten = ratios(receiver, handWritten);
			double[] toBare = ratios(receiver, bare);
			String body = Markdown.format("%,d B", Long.parseLong(size));
			String failures = figures.getProperty(key + ".failures");
			String statuses = figures.getProperty(key + ".failureStatuses", "");
			rows.add(List.of(body, Stats.medianAndRange(receiver, "%.0f"), Stats.medianAndRange(handWritten, "%.0f"),
					Stats.medianAndRange(bare, "%.0f"), "**" + Stats.medianAndRange(toHandWritten, "%.2f") + "**",
					"**" + Stats.medianAndRange(toBare, "%.2f") + "**", latency(figures, key, "MedianMillis"),
					latency(figures, key, "P99Millis"),
					Markdown.format("%.0f / %.0f", Double.parseDouble(figures.getProperty(key + ".hmacMicros")),
							Double.parseDouble(figures.getProperty(key + ".parseMicros"))),
					failures + (statuses.isEmpty() ? "" : " (" + statuses + ")")));
			summary.add(new Section.SummaryRow("3. webhook ingestion",
					body + " body: receiver / hand-written, requests/s", Stats.medianAndRange(toHandWritten, "%.2f"),
					"≥ 1.0", Section.SummaryRow.verdict(Stats.median(toHandWritten) >= TARGET_HAND_WRITTEN)));
			boolean small = size.equals(sizes[0]);
			summary.add(new Section.SummaryRow("3. webhook ingestion", body + " body: receiver / bare, requests/s",
					Stats.medianAndRange(toBare, "%.2f"), small ? "≥ 0.90" : "",
					small ? Section.SummaryRow.verdict(Stats.median(toBare) >= TARGET_BARE) : ""));
			summary.add(new Section.SummaryRow("3. webhook ingestion", body + " body: receiver p99 ms",
					Stats.medianAndRange(Results.doubles(figures, key + ".receiverP99Millis"), "%.2f"), "", ""));
		}
		String markdown = "## 3. Webhook ingestion: the receiver vs a hand-written and a bare `@PostMapping`\n\n"
				+ "One Spring MVC application (embedded Tomcat, `@EnableSkyvernWebhooks`, `-Xmx512m`) has the "
				+ "starter's receiver at `" + SkyvernWebhookProperties.DEFAULT_PATH + "` (signature verification "
				+ "over the raw body, idempotency claim in the in-memory store, `SkyvernRunFinishedEvent` to a "
				+ "counting listener) and, beside it, two `@PostMapping`s: the fair anchor, the endpoint an application "
				+ "writes by hand (reads the body as bytes, checks the timestamp and the HMAC-SHA256 signature in "
				+ "constant time, parses the body into a `Map` with Boot's `JsonMapper`, publishes an event; no "
				+ "idempotency claim and no body limits), and a bare one that only answers 200 without reading the "
				+ "body. A Java load "
				+ "client in another JVM (JDK `HttpClient`, HTTP/1.1 keep-alive, " + settings.webhookWorkers()
				+ " workers each sending one request at a time) posts signed run-finished bodies shaped like "
				+ "Skyvern's, each with a new `run_id` so the receiver does its full work every time; the other "
				+ "endpoints get the same signed bodies. After a warm-up of " + settings.webhookWarmupMillis()
				+ " ms of each at each body size (on two cores the application's JIT compiler goes on speeding "
				+ "all three up for about a minute), the three endpoints take turns in phases of "
				+ settings.webhookPhaseMillis() + " ms (" + settings.webhookRounds()
				+ " rounds, which goes first rotating every round). The receiver's listener only counts events: "
				+ "it does not call `SkyvernRunFinishedEvent.getRun()`, so the receiver reads the run id and "
				+ "status of each body, not the rest (a listener that asks for the run pays the parse in the "
				+ "\"HMAC / parse\" column, once per delivery). Figures: median (min–max) over rounds; "
				+ "latencies per request as the client saw them. The 400 KB case carries a large output, as a "
				+ "long page extraction does. Events published by the receiver: "
				+ figures.getProperty("eventsPublished") + " for " + figures.getProperty("deliveriesToReceiver")
				+ " accepted deliveries (hand-written endpoint: " + figures.getProperty("handWrittenEventsPublished")
				+ " events). \"HMAC / parse\": the median time, on this machine, of two pieces of "
				+ "work any verifying receiver does per delivery, measured alone in the load client's JVM: "
				+ "HMAC-SHA256 over the whole body, and parsing the body into a `SkyvernRun`. Latencies: receiver / "
				+ "hand-written / bare.\n\n"
				+ Markdown.table(List.of("body", "receiver req/s", "hand-written req/s", "bare req/s",
						"receiver / hand-written", "receiver / bare", "median ms", "p99 ms", "HMAC / parse µs",
						"failed requests"), rows);
		return new Section(markdown, summary);
	}

	private static double[] ratios(double[] numerators, double[] denominators) {
		double[] ratios = new double[numerators.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = numerators[i] / denominators[i];
		}
		return ratios;
	}

	private static String latency(Properties figures, String key, String figure) {
		return String.join(" / ", WebhookLoadGenerator.SIDES.stream()
			.map((side) -> Markdown.format("%.2f", Stats.median(Results.doubles(figures, key + "." + side + figure))))
			.toList());
	}

}
