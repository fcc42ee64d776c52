package io.github.skyvernstarter.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Scenario 2 as run by the suite: one {@link RunSimulator} JVM, and one fresh client JVM per batch of
 * waits ({@link ConcurrentWaitsBenchmark}), then the table.
 */
final class ConcurrentWaitsScenario {

	/** The system property naming a JDK 25 home, set by {@code BenchmarkSuite --java25=}. */
	static final String JAVA25_PROPERTY = "skyvern.benchmarks.java25";

	private static final long LIMIT_SECONDS = 240;

	private static final String[] CLIENT_HEAP = { "-Xms1g", "-Xmx1g" };

	private ConcurrentWaitsScenario() {
	}

	static Section run(ChildJvm jvm, Settings settings) {
		Process simulator = jvm.start("2-simulator", settings.jvmOptions("-Xmx1g"), RunSimulator.class,
				List.of(Long.toString(settings.runMinMillis()), Long.toString(settings.runMaxMillis()), "7"));
		try {
			String url = jvm.awaitLine("2-simulator", simulator, "SIMULATOR ", 60);
			List<Batch> batches = new ArrayList<>();
			for (int i = 1; i <= settings.waitRepeats(); i++) {
				batches.add(batch(jvm, settings, url, "reactive", settings.waits(), Connectors.REACTOR_UNBOUNDED_QUEUE,
						"reactive #" + i));
			}
			if (!settings.quick()) {
				batches.add(batch(jvm, settings, url, "reactive", settings.smallWaits(),
						Connectors.REACTOR_UNBOUNDED_QUEUE, "reactive, fewer waits"));
				batches.add(batch(jvm, settings, url, "reactive", settings.waits(), Connectors.DEFAULT,
						"reactive, Boot's default pool"));
				batches.add(batch(jvm, settings, url, "reactive", settings.waits(), Connectors.JDK,
						"reactive, JDK HttpClient"));
				Path java25 = Path.of(System.getProperty(JAVA25_PROPERTY, "none"));
				if (Files.isExecutable(java25.resolve("bin").resolve("java"))) {
					ChildJvm onJava25 = jvm.onJdk(java25);
					batches.add(batch(onJava25, settings, url, "reactive", settings.waits(), Connectors.JDK,
							"reactive, JDK HttpClient, Java " + onJava25.javaVersion()));
				}
				batches.add(batch(jvm, settings, url, "reactive", settings.waits(), Connectors.REACTOR_UNBOUNDED_QUEUE,
						"reactive, short poll interval", settings.shortPollMillis()));
			}
			Batch largestSurvived = null;
			for (int size : settings.blockingSizes()) {
				Batch blocking = batch(jvm, settings, url, "blocking", size, Connectors.REACTOR_UNBOUNDED_QUEUE,
						"thread per wait (baseline)");
				batches.add(blocking);
				if (!blocking.allCompleted()) {
					break;
				}
				largestSurvived = blocking;
			}
			return section(settings, batches, largestSurvived);
		}
		finally {
			simulator.destroy();
		}
	}

	private static Batch batch(ChildJvm jvm, Settings settings, String url, String mode, int waits, String connector,
			String label) {
		return batch(jvm, settings, url, mode, waits, connector, label, settings.pollMillis());
	}

	private static Batch batch(ChildJvm jvm, Settings settings, String url, String mode, int waits, String connector,
			String label, long pollMillis) {
		String name = "2-waits-" + mode + "-" + waits + "-" + connector + "-" + System.nanoTime();
		Properties figures = jvm.run(name, settings.jvmOptions(CLIENT_HEAP), ConcurrentWaitsBenchmark.class,
				List.of(mode, Integer.toString(waits), Long.toString(pollMillis), url,
						Long.toString(LIMIT_SECONDS), connector),
				LIMIT_SECONDS + 120);
		System.out.println("  " + label + ", " + waits + " waits: " + figures.getProperty("completed") + " completed, "
				+ figures.getProperty("peakThreads") + " peak threads");
		return new Batch(label, connector, pollMillis, figures);
	}

	private static Section section(Settings settings, List<Batch> batches, Batch largestSurvived) {
		List<List<String>> rows = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		for (Batch batch : batches) {
			rows.add(batch.row());
			if (!batch.firstFailure().isEmpty()) {
				failures.add("- " + batch.label() + " (" + batch.waits() + " waits): " + batch.failed()
						+ " failed, the first with `" + batch.firstFailure() + "`");
			}
		}
		List<Batch> main = batches.stream()
			.filter((batch) -> batch.label().startsWith("reactive #"))
			.toList();
		double[] peakThreads = main.stream().mapToDouble(Batch::peakThreads).toArray();
		double[] perCall = main.stream().mapToDouble((batch) -> batch.heapPerCallKb("allStarted")).toArray();
		double[] completed = main.stream().mapToDouble(Batch::completed).toArray();
		List<Section.SummaryRow> summary = new ArrayList<>();
		String scenario = "2. concurrent waits";
		summary.add(new Section.SummaryRow(scenario, settings.waits() + " waits completed (each repeat)",
				Stats.medianAndRange(completed, "%.0f"), "= " + settings.waits(),
				Section.SummaryRow.verdict(Stats.min(completed) == settings.waits())));
		summary.add(new Section.SummaryRow(scenario, "peak live threads, " + settings.waits() + " waits",
				Stats.medianAndRange(peakThreads, "%.0f"), "< 64",
				Section.SummaryRow.verdict(Stats.max(peakThreads) < 64)));
		summary.add(new Section.SummaryRow(scenario, "heap per waiting run (KB)", Stats.medianAndRange(perCall, "%.1f"),
				"< 10 KB", Section.SummaryRow.verdict(Stats.median(perCall) < 10)));
		for (Batch jdk : batches.stream().filter((batch) -> batch.connector().equals(Connectors.JDK)).toList()) {
			String label = jdk.label().substring("reactive, ".length());
			summary.add(new Section.SummaryRow(scenario, label + ": peak live threads, " + jdk.waits() + " waits",
					Markdown.format("%d", jdk.peakThreads()), "< 64", Section.SummaryRow.verdict(jdk.peakThreads() < 64)));
			double perWait = jdk.heapPerCallKb("allStarted");
			summary.add(new Section.SummaryRow(scenario, label + ": heap per waiting run (KB)",
					Markdown.format("%.1f", perWait), "< 10 KB", Section.SummaryRow.verdict(perWait < 10)));
		}
		if (largestSurvived != null) {
			summary.add(new Section.SummaryRow(scenario,
					"baseline: peak threads at " + largestSurvived.waits() + " waits",
					Markdown.format("%d", largestSurvived.peakThreads()), "", ""));
		}
		String markdown = "## 2. Concurrent waits: " + settings.waits() + " `runWorkflow` calls waiting at once\n\n"
				+ "A simulator in its own JVM answers `POST /v1/run/agents` with a created run that finishes "
				+ settings.runMinMillis() / 1000.0 + "–" + settings.runMaxMillis() / 1000.0
				+ " s later (uniformly random), and `GET /v1/runs/{id}` with `running` until then. Each batch runs "
				+ "in a fresh client JVM (`-Xms1g -Xmx1g`, default GC), which starts every wait at once after a warm-up. "
				+ "Poll interval " + settings.pollMillis() / 1000.0 + " s (`skyvern.poll-interval`, the default): "
				+ "every run has finished by its first poll, so a batch ends about one interval after the last "
				+ "run started. One batch polls every " + settings.shortPollMillis() / 1000.0 + " s instead: "
				+ settings.waits() + " waits then ask more requests per second than this machine's two cores "
				+ "answer (client and simulator share them), so polls queue inside the client and its heap grows "
				+ "with the queue, not with the waits. `reactive`: every wait subscribed on its own through "
				+ "`ReactiveSkyvernWorkflowOperations`. Baseline: one platform thread per wait, each blocked in "
				+ "`SkyvernWorkflowTemplate.runWorkflow`, same HTTP client; sizes tried in turn until one fails. "
				+ "Heap is the used heap right after `System.gc()`: once before the batch, then (A) when the first "
				+ "call ends or every run has been started, whichever comes first, the moment with the most calls "
				+ "outstanding, some of them still queued for a connection; and (B) when the last run has been "
				+ "started, when every outstanding call is a run being waited for. Per-call figures divide the "
				+ "growth since before the batch by the calls outstanding at that moment (in brackets). RSS: the "
				+ "process's resident memory growth at (B) per outstanding call (thread stacks are outside the "
				+ "heap). Peak threads: the JVM's peak live thread count during the batch. API calls per run: "
				+ "requests the simulator served / completed runs.\n\n"
				+ Markdown.table(List.of("client", "HTTP client", "poll", "waits", "completed", "failed",
						"peak threads (before)",
						"heap before MB", "(A) heap KB per outstanding call", "(B) heap KB per waiting run",
						"(B) RSS KB per waiting run", "all started after s", "wall s", "API calls per run"), rows)
				+ "\nHTTP clients: " + Connectors.describe(Connectors.REACTOR_UNBOUNDED_QUEUE) + " (the main "
				+ "measurement; set through a `ClientHttpConnectorBuilder` bean); "
				+ Connectors.describe(Connectors.DEFAULT) + "; " + Connectors.describe(Connectors.JDK) + ": the "
				+ "starter gives its own JDK client a fixed executor (max(4, cores) threads) and at most 500 exchanges "
				+ "in flight, as many connections; on Java 17 to 23 the JDK still completes every `sendAsync` on "
				+ "`CompletableFuture`'s default executor, which with fewer than 3 cores starts a new thread per "
				+ "response (from Java 24 it is the common pool), hence the row on Java 25 when one is installed.\n"
				+ (failures.isEmpty() ? "" : "\nFailures:\n\n" + String.join("\n", failures) + "\n");
		return new Section(markdown, summary);
	}

	record Batch(String label, String connector, long pollMillis, Properties figures) {

		long waits() {
			return Results.number(this.figures, "waits");
		}

		long completed() {
			return Results.number(this.figures, "completed");
		}

		long failed() {
			return Results.number(this.figures, "failed");
		}

		long peakThreads() {
			return Results.number(this.figures, "peakThreads");
		}

		String firstFailure() {
			return this.figures.getProperty("firstFailure", "");
		}

		boolean allCompleted() {
			return completed() == waits();
		}

		/**
		 * Heap growth over the calls outstanding at a moment, in KB per call.
		 */
		double heapPerCallKb(String moment) {
			long outstanding = Results.number(this.figures, moment + ".outstanding");
			long growth = Results.number(this.figures, moment + ".heap") - Results.number(this.figures, "heapBefore");
			return (outstanding > 0) ? growth / 1024.0 / outstanding : Double.NaN;
		}

		double rssPerCallKb(String moment) {
			long outstanding = Results.number(this.figures, moment + ".outstanding");
			long growth = Results.number(this.figures, moment + ".rssKb") - Results.number(this.figures, "rssBeforeKb");
			return (outstanding > 0) ? (double) growth / outstanding : Double.NaN;
		}

		List<String> row() {
			long calls = Results.number(this.figures, "posts") + Results.number(this.figures, "gets");
			long allStarted = Results.number(this.figures, "allStartedMillis");
			return List.of(this.label, this.connector, (this.pollMillis >= 1000) ? Markdown.format("%.0f s", this.pollMillis / 1000.0) : this.pollMillis + " ms",
					Long.toString(waits()), Long.toString(completed()),
					Long.toString(failed()),
					peakThreads() + " (" + Results.number(this.figures, "threadsBefore") + ")",
					Markdown.format("%.1f", Results.number(this.figures, "heapBefore") / 1048576.0),
					Markdown.format("%.1f (%d)", heapPerCallKb("first"),
							Results.number(this.figures, "first.outstanding")),
					(allStarted >= 0) ? Markdown.format("%.1f (%d)", heapPerCallKb("allStarted"),
							Results.number(this.figures, "allStarted.outstanding")) : "–",
					(allStarted >= 0) ? Markdown.format("%.0f", rssPerCallKb("allStarted")) : "–",
					(allStarted >= 0) ? Markdown.format("%.1f", allStarted / 1000.0) : "–",
					Markdown.format("%.1f", Results.number(this.figures, "wallMillis") / 1000.0),
					(completed() > 0) ? Markdown.format("%.2f", (double) calls / completed()) : "–");
		}

	}

}
