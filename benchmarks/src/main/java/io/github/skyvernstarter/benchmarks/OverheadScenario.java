package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Scenario 1 as run by the suite: {@link CallOverheadBenchmark} in a fresh JVM, then its table.
 */
final class OverheadScenario {

	static final double TARGET = 1.05;

	private OverheadScenario() {
	}

	static Section run(ChildJvm jvm, Settings settings) {
		Properties figures = jvm.run("1-call-overhead", settings.jvmOptions("-Xms512m", "-Xmx512m"), CallOverheadBenchmark.class,
				List.of(Integer.toString(settings.overheadRounds()), Integer.toString(settings.overheadPairs()),
						Integer.toString(settings.overheadWarmup())),
				900);
		List<List<String>> rows = new ArrayList<>();
		List<Section.SummaryRow> summary = new ArrayList<>();
		for (String operation : List.of("getRun", "runWorkflow")) {
			double[] templateMedian = Results.doubles(figures, operation + ".template.medianMicros");
			double[] rawMedian = Results.doubles(figures, operation + ".raw.medianMicros");
			double[] unobservedMedian = Results.doubles(figures, operation + ".templateUnobserved.medianMicros");
			double[] templateP99 = Results.doubles(figures, operation + ".template.p99Micros");
			double[] rawP99 = Results.doubles(figures, operation + ".raw.p99Micros");
			double[] unobservedP99 = Results.doubles(figures, operation + ".templateUnobserved.p99Micros");
			double[] medianRatios = ratios(templateMedian, rawMedian);
			double[] p99Ratios = ratios(templateP99, rawP99);
			rows.add(List.of("`" + operation + "`", Stats.medianAndRange(templateMedian, "%.0f"),
					Stats.medianAndRange(rawMedian, "%.0f"), "**" + Stats.medianAndRange(medianRatios, "%.2f") + "**",
					Stats.medianAndRange(templateP99, "%.0f"), Stats.medianAndRange(rawP99, "%.0f"),
					"**" + Stats.medianAndRange(p99Ratios, "%.2f") + "**",
					Stats.medianAndRange(ratios(unobservedMedian, rawMedian), "%.2f"),
					Stats.medianAndRange(ratios(unobservedP99, rawP99), "%.2f"),
					figures.getProperty(operation + ".callsPerSide")));
			summary.add(new Section.SummaryRow("1. per-call overhead", "`" + operation + "` template / raw, median",
					Stats.medianAndRange(medianRatios, "%.2f"), "≤ 1.05",
					Section.SummaryRow.verdict(Stats.median(medianRatios) <= TARGET)));
			summary.add(new Section.SummaryRow("1. per-call overhead", "`" + operation + "` template / raw, p99",
					Stats.medianAndRange(p99Ratios, "%.2f"), "≤ 1.05",
					Section.SummaryRow.verdict(Stats.median(p99Ratios) <= TARGET)));
		}
		String markdown = "## 1. Per-call overhead: template vs hand-written WebClient\n\n"
				+ "One blocking call through `SkyvernWorkflowTemplate` against a hand-written call (\"raw\") on "
				+ "Boot's `WebClient.Builder` that sends the same request and parses the answer into the same "
				+ "`SkyvernRun` with the same mapper, both against one loopback stub (a Reactor Netty server on its "
				+ "own event-loop thread answering canned bytes: a 1.4 KB completed run for `getRun`, a created run "
				+ "for `runWorkflow`). The template keeps its per-call response timeout (one timer for all "
				+ "deadlines, not a timer task per call: Reactor's `.timeout(60 s)` on the raw call measured 1.06 "
				+ "to 1.13 of raw). A third side, the template of a second application context in the same JVM "
				+ "with the starter's own observations switched off (`management.observations.enable.skyvern=false`), "
				+ "shows what the `skyvern.operation` observation costs: with Boot's Micrometer setup, a timer and a "
				+ "long task timer (`skyvern.operation.active`) per call, stopped before the result reaches the "
				+ "caller (the WebClient's own `http.client.requests` observation is on every side). The sides "
				+ "alternate call by call, the one going first rotating, after "
				+ settings.overheadWarmup() + " warm-up calls each; each of " + settings.overheadRounds()
				+ " rounds of " + settings.overheadPairs() + " calls per side gives one median and one p99 per "
				+ "side. Figures: median over rounds (min–max over rounds); latencies in µs per call; ratios are "
				+ "taken within a round, then summarised.\n\n"
				+ Markdown.table(List.of("operation", "template median µs", "raw median µs", "median ratio",
						"template p99 µs", "raw p99 µs", "p99 ratio", "template without its observation / raw, median",
						"without its observation / raw, p99", "calls per side"), rows);
		return new Section(markdown, summary);
	}

	private static double[] ratios(double[] numerators, double[] denominators) {
		double[] ratios = new double[numerators.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = numerators[i] / denominators[i];
		}
		return ratios;
	}

}
