package io.github.skyvernstarter.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Scenario 5 as run by the suite: {@link StartupApp} started in fresh JVMs, with and without the
 * starter's auto-configuration, alternating.
 */
final class StartupScenario {

	private StartupScenario() {
	}

	static final double TARGET = 1.05;

	static Section run(ChildJvm jvm, Settings settings) {
		List<Properties> with = new ArrayList<>();
		List<Properties> without = new ArrayList<>();
		for (int i = 0; i < settings.startupRuns(); i++) {
			// Alternate which goes first, so that neither side always follows the other.
			boolean withFirst = (i % 2 == 0);
			for (int turn = 0; turn < 2; turn++) {
				boolean withStarter = (turn == 0) == withFirst;
				Properties figures = jvm.run("5-startup-" + (withStarter ? "with" : "without") + "-" + i,
						settings.jvmOptions("-Xmx512m"), StartupApp.class, List.of(withStarter ? "with" : "without"), 180);
				(withStarter ? with : without).add(figures);
			}
		}
		double[] withMillis = millis(with, "startMillis");
		double[] withoutMillis = millis(without, "startMillis");
		double[] ratios = new double[withMillis.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = withMillis[i] / withoutMillis[i];
		}
		double[] withUptime = millis(with, "uptimeAtReadyMillis");
		double[] withoutUptime = millis(without, "uptimeAtReadyMillis");
		List<List<String>> rows = List.of(
				List.of("context start (`SpringApplication.run`) ms", Stats.medianAndRange(withMillis, "%.0f"),
						Stats.medianAndRange(withoutMillis, "%.0f"), "**" + Stats.medianAndRange(ratios, "%.3f") + "**"),
				List.of("JVM uptime when ready ms", Stats.medianAndRange(withUptime, "%.0f"),
						Stats.medianAndRange(withoutUptime, "%.0f"),
						Markdown.format("%.3f", Stats.median(withUptime) / Stats.median(withoutUptime))),
				List.of("bean definitions", with.get(0).getProperty("beans"), without.get(0).getProperty("beans"), ""));
		String markdown = "## 5. Startup: with and without the starter's auto-configuration\n\n"
				+ "A small Spring MVC application shaped like the sample app (embedded Tomcat on an ephemeral port, "
				+ "Actuator, `@EnableSkyvernWebhooks`, a controller that takes `ObjectProvider<SkyvernWorkflowTemplate>`; "
				+ "the sample app itself injects the template directly, so it cannot start with the auto-configuration "
				+ "excluded), started "
				+ settings.startupRuns() + " times each way in a fresh JVM, the two ways alternating. \"Without\" is the "
				+ "same application and class path with `spring.autoconfigure.exclude=" + without.get(0)
					.getProperty("excluded")
				+ "`. Figures: median (min–max); ratio = with / without, per alternating pair.\n\n"
				+ Markdown.table(List.of("", "with the starter", "without (excluded)", "ratio"), rows);
		return new Section(markdown,
				List.of(new Section.SummaryRow("5. startup", "context start with / without the starter",
						Markdown.format("%.3f", Stats.median(ratios)) + Markdown.format(" (%.0f ms vs %.0f ms)",
								Stats.median(withMillis), Stats.median(withoutMillis)),
						"≤ 1.05", Section.SummaryRow.verdict(Stats.median(ratios) <= TARGET))));
	}

	private static double[] millis(List<Properties> runs, String key) {
		return runs.stream().mapToDouble((figures) -> Double.parseDouble(figures.getProperty(key))).toArray();
	}

}
