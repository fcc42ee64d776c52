package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark scenarios one after another, each in fresh JVMs, and writes the results as
 * markdown.
 * <p>
 * Arguments: {@code --output=FILE} (default {@code RESULTS.md}), {@code --work=DIR} for the child
 * JVMs' logs and figures (default {@code target/benchmarks}), {@code --quick} for tiny sizes that only
 * prove the harness works, {@code --scenarios=1,3} to run some of them, {@code --java25=JDK_HOME} for a
 * JDK 25 on which scenario 2 also measures the JDK HttpClient (skipped when that JDK is absent).
 */
public final class BenchmarkSuite {

	/** The command, given in README.md and benchmarks/README.md, that runs the full suite. */
	static final String COMMAND = "./mvnw -B -pl benchmarks -am -DskipTests -Pbenchmarks verify";

	private BenchmarkSuite() {
	}

	/**
	 * Run the suite.
	 * @param args see the class description
	 */
	public static void main(String[] args) {
		Path output = Path.of("RESULTS.md");
		Path work = Path.of("target", "benchmarks");
		boolean quick = false;
		Set<String> scenarios = new LinkedHashSet<>(List.of("1", "2", "3", "4", "5", "6", "7"));
		for (String arg : args) {
			if (arg.startsWith("--output=")) {
				output = Path.of(arg.substring("--output=".length()));
			}
			else if (arg.startsWith("--work=")) {
				work = Path.of(arg.substring("--work=".length()));
			}
			else if (arg.equals("--quick")) {
				quick = true;
			}
			else if (arg.startsWith("--java25=")) {
				System.setProperty(ConcurrentWaitsScenario.JAVA25_PROPERTY, arg.substring("--java25=".length()));
			}
			else if (arg.startsWith("--scenarios=")) {
				scenarios = new LinkedHashSet<>(List.of(arg.substring("--scenarios=".length()).split(",")));
			}
			else {
				throw new IllegalArgumentException("Unknown argument " + arg);
			}
		}
		run(quick ? Settings.quickRun() : Settings.full(), scenarios, output, work);
	}

	static void run(Settings settings, Set<String> scenarios, Path output, Path work) {
		String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
		String loadAtStart = MachineInfo.loadAverage();
		long start = System.nanoTime();
		ChildJvm jvm = new ChildJvm(work);
		List<Section> sections = new ArrayList<>();
		for (String scenario : scenarios) {
			System.out.println("Scenario " + scenario + " ...");
			sections.add(switch (scenario) {
				case "1" -> OverheadScenario.run(jvm, settings);
				case "2" -> ConcurrentWaitsScenario.run(jvm, settings);
				case "3" -> WebhookIngestionScenario.run(jvm, settings);
				case "4" -> ApiCallsScenario.run(jvm, settings);
				case "5" -> StartupScenario.run(jvm, settings);
				case "6" -> ReceiverAttackScenario.run(jvm, settings);
				case "7" -> SharedStoresScenario.run(settings);
				default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
			});
		}
		long minutes = (System.nanoTime() - start) / 60_000_000_000L;
		long seconds = (System.nanoTime() - start) / 1_000_000_000L % 60;
		String report = ResultsReport.render(settings, sections, date, loadAtStart, MachineInfo.loadAverage(),
				minutes + " min " + seconds + " s");
		try {
			Path parent = output.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(output, report);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		System.out.println("Wrote " + output.toAbsolutePath());
	}

}
