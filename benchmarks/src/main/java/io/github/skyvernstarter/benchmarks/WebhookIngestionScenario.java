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

	static final double TARGET = 0.85;

	private WebhookIngestionScenario() {
	}

	static Section run(ChildJvm jvm, Settings settings) {
		Process app = jvm.start("3-webhook-app", settings.jvmOptions("-Xms512m", "-Xmx512m"),
				WebhookIngestionApp.class, List.of());
		try {
			String url = jvm.awaitLine("3-webhook-app", app, "APP ", 120);
			Properties figures = jvm.run("3-webhook-load", settings.jvmOptions("-Xmx1g"), WebhookLoadGenerator.class,
					List.of(url, SkyvernWebhookProperties.DEFAULT_PATH, Integer.toString(settings.webhookRounds()),
							Long.toString(settings.webhookPhaseMillis()), Long.toString(settings.webhookPhaseMillis()),
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
		for (String size : figures.getProperty("sizes").split(",")) {
			String key = "size." + size;
			double[] receiver = Results.doubles(figures, key + ".receiverRps");
			double[] bare = Results.doubles(figures, key + ".bareRps");
			double[] ratios = new double[receiver.length];
			for (int i = 0; i < ratios.length; i++) {
				ratios[i] = receiver[i] / bare[i];
			}
			String body = Markdown.format("%,d B", Long.parseLong(size));
			String failures = figures.getProperty(key + ".failures");
			String statuses = figures.getProperty(key + ".failureStatuses", "");
			rows.add(List.of(body, Stats.medianAndRange(receiver, "%.0f"), Stats.medianAndRange(bare, "%.0f"),
					"**" + Stats.medianAndRange(ratios, "%.2f") + "**",
					Stats.medianAndRange(Results.doubles(figures, key + ".receiverMedianMillis"), "%.2f"),
					Stats.medianAndRange(Results.doubles(figures, key + ".bareMedianMillis"), "%.2f"),
					Stats.medianAndRange(Results.doubles(figures, key + ".receiverP99Millis"), "%.2f"),
					Stats.medianAndRange(Results.doubles(figures, key + ".bareP99Millis"), "%.2f"),
					Markdown.format("%.0f / %.0f", Double.parseDouble(figures.getProperty(key + ".hmacMicros")),
							Double.parseDouble(figures.getProperty(key + ".parseMicros"))),
					failures + (statuses.isEmpty() ? "" : " (" + statuses + ")")));
			summary.add(new Section.SummaryRow("3. webhook ingestion", body + " body: receiver / bare, requests/s",
					Stats.medianAndRange(ratios, "%.2f"), "≥ 0.85",
					Section.SummaryRow.verdict(Stats.median(ratios) >= TARGET)));
			summary.add(new Section.SummaryRow("3. webhook ingestion", body + " body: receiver p99 ms",
					Stats.medianAndRange(Results.doubles(figures, key + ".receiverP99Millis"), "%.2f"), "", ""));
		}
		String markdown = "## 3. Webhook ingestion: the receiver vs a bare `@PostMapping`\n\n"
				+ "One Spring MVC application (embedded Tomcat, `@EnableSkyvernWebhooks`, `-Xmx512m`) has the "
				+ "starter's receiver at `" + SkyvernWebhookProperties.DEFAULT_PATH + "` (signature verification "
				+ "over the raw body, idempotency claim in the in-memory store, `SkyvernRunFinishedEvent` to a "
				+ "counting listener) and, beside it, a bare `@PostMapping` that only answers 200. A Java load "
				+ "client in another JVM (JDK `HttpClient`, HTTP/1.1 keep-alive, " + settings.webhookWorkers()
				+ " workers each sending one request at a time) posts signed run-finished bodies shaped like "
				+ "Skyvern's, each with a new `run_id` so the receiver does its full work every time; the bare "
				+ "endpoint gets the same signed bodies. After a warm-up of each, the two endpoints alternate in "
				+ "phases of " + settings.webhookPhaseMillis() + " ms (" + settings.webhookRounds()
				+ " rounds, which goes first switching every round). Figures: median (min–max) over rounds; "
				+ "latencies per request as the client saw them. The 400 KB case carries a large output, as a "
				+ "long page extraction does. Events published by the receiver: "
				+ figures.getProperty("eventsPublished") + " for " + figures.getProperty("deliveriesToReceiver")
				+ " accepted deliveries. \"HMAC / parse\": the median time, on this machine, of two pieces of "
				+ "work any verifying receiver does per delivery, measured alone in the load client's JVM: "
				+ "HMAC-SHA256 over the whole body, and parsing the body into a `SkyvernRun`; the bare endpoint "
				+ "does neither (it does not even read the body into memory).\n\n"
				+ Markdown.table(List.of("body", "receiver req/s", "bare req/s", "ratio", "receiver median ms",
						"bare median ms", "receiver p99 ms", "bare p99 ms", "HMAC / parse µs", "failed requests"),
						rows);
		return new Section(markdown, summary);
	}

}
