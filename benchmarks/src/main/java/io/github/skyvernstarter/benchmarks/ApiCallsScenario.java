package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Scenario 4 as run by the suite: {@link ApiCallsBenchmark} in a fresh JVM, then the table.
 */
final class ApiCallsScenario {

	private static final String[] LENGTHS = { "30", "300" };

	private ApiCallsScenario() {
	}

	static Section run(ChildJvm jvm, Settings settings) {
		Properties figures = jvm.run("4-api-calls", settings.jvmOptions("-Xmx512m"), ApiCallsBenchmark.class,
				List.of(Long.toString(settings.timeScale()), Integer.toString(settings.apiCallRuns()),
						String.join(",", LENGTHS)),
				600);
		List<List<String>> rows = new ArrayList<>();
		List<Section.SummaryRow> summary = new ArrayList<>();
		for (String length : LENGTHS) {
			String label = Long.parseLong(length) < 60 ? length + " s" : Long.parseLong(length) / 60 + " min";
			for (String mode : List.of("polling", "webhooks")) {
				String key = "run" + length + "s." + mode;
				double[] calls = Results.doubles(figures, key + ".callsPerRun");
				rows.add(List.of(label, mode.equals("polling") ? "polling every 10 s" : "webhooks",
						figures.getProperty(key + ".completed") + " / " + figures.getProperty(key + ".runs"),
						"**" + Stats.medianAndRange(calls, "%.0f") + "**",
						mode.equals("webhooks") ? figures.getProperty(key + ".webhooksDelivered") : "–"));
				if (mode.equals("webhooks")) {
					summary.add(new Section.SummaryRow("4. API calls per run", label + " runs, webhook-finished waits",
							Stats.medianAndRange(calls, "%.0f"), "≤ 2", Section.SummaryRow.verdict(Stats.max(calls) <= 2)));
				}
				else {
					summary.add(new Section.SummaryRow("4. API calls per run", label + " runs, polling every 10 s",
							Stats.medianAndRange(calls, "%.0f"), "", ""));
				}
			}
		}
		String markdown = "## 4. API calls per completed run: webhooks vs polling every 10 s\n\n"
				+ "Runs of a fixed length are started and waited for through `ReactiveSkyvernWorkflowOperations` ("
				+ settings.apiCallRuns() + " at once per row) against a simulator that counts every API call per run "
				+ "(`POST /v1/run/agents`, `GET /v1/runs/{id}`). Polling: `skyvern.poll-interval=10s`, like the "
				+ "official SDKs. Webhooks: a Spring MVC application with `@EnableSkyvernWebhooks` and "
				+ "`skyvern.webhooks.public-url` (so every run carries its `webhook_url`); the simulator POSTs the "
				+ "signed finished run to that receiver over loopback when the run finishes, and waits poll only at "
				+ "`skyvern.webhooks.fallback-poll-interval` (default " + figures.getProperty("fallbackPollSeconds")
				+ " s). **Time is scaled 1:" + settings.timeScale() + "**: run length, poll interval, fallback poll "
				+ "interval and wait timeout are all divided by " + settings.timeScale() + ", so the counts are those "
				+ "of the real durations while a 5-minute run takes " + 300.0 / settings.timeScale()
				+ " s. A run that finishes exactly on a poll tick may be seen one poll earlier or later, hence the "
				+ "range. Figures: API calls per run, median (min–max) over the runs; webhooks the simulator "
				+ "delivered with a 2xx answer.\n\n"
				+ Markdown.table(List.of("run length", "waiting by", "completed / started", "API calls per run",
						"webhooks delivered"), rows);
		return new Section(markdown, summary);
	}

}
