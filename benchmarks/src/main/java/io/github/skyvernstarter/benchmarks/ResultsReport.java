package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders RESULTS.md: the machine, the summary against the targets, then each scenario.
 */
final class ResultsReport {

	private ResultsReport() {
	}

	static String render(Settings settings, List<Section> sections, String date, String loadAtStart,
			String loadAtEnd, String duration) {
		StringBuilder report = new StringBuilder();
		report.append("# Benchmark results\n\n");
		if (settings.quick()) {
			report.append("**Quick run (`--quick`): tiny sizes that only prove the harness works. "
					+ "These figures mean nothing.**\n\n");
		}
		report.append("Written by `BenchmarkSuite` (module `benchmarks`). Every figure is a ratio or a count "
				+ "measured in the same run, against servers on loopback started by the run itself.\n\n");
		report.append(Markdown.table(List.of("", ""),
				List.of(List.of("command", "`" + (settings.quick() ? "BenchmarkSuite --quick" : BenchmarkSuite.COMMAND)
						+ "`"), List.of("date", date), List.of("commit", MachineInfo.gitCommit()),
						List.of("machine", MachineInfo.cpu() + ", " + MachineInfo.memory()),
						List.of("cores", Integer.toString(MachineInfo.cores())), List.of("OS", MachineInfo.os()),
						List.of("JDK", MachineInfo.jdk()),
						List.of("load average (1/5/15 min) at start", loadAtStart),
						List.of("load average at end", loadAtEnd), List.of("suite duration", duration))));
		report.append("\nA load average above the core count means other processes (for example builds in other "
				+ "checkouts) shared the machine: ratios stay comparable because both sides of each ratio ran "
				+ "interleaved, but absolute latencies and wall times grow.\n\n");
		List<List<String>> summary = new ArrayList<>();
		for (Section section : sections) {
			for (Section.SummaryRow row : section.summary()) {
				summary.add(List.of(row.scenario(), row.figure(), row.value(), row.target(), row.verdict()));
			}
		}
		report.append("## Summary\n\n")
			.append(Markdown.table(List.of("scenario", "figure", "measured: median (min–max)", "target", ""),
					summary))
			.append("\n");
		for (Section section : sections) {
			report.append(section.markdown()).append("\n");
		}
		return report.toString();
	}

}
