package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness works end to end with tiny sizes; asserts what was counted, never how fast.
 * <p>
 * Tagged {@code benchmarks}: it starts about ten JVMs, so it runs with {@code -Pbenchmarks} only.
 */
@Tag("benchmarks")
class BenchmarkSuiteSmokeTests {

	@TempDir
	Path work;

	@Test
	void quickRunMeasuresEveryScenarioAndWritesTheTable() throws IOException {
		Path output = this.work.resolve("RESULTS.md");
		BenchmarkSuite.run(Settings.quickRun(), new LinkedHashSet<>(List.of("1", "2", "3", "4", "5", "6")), output,
				this.work);
		String results = Files.readString(output);
		assertThat(results).contains("# Benchmark results", "Quick run", "| cores | ", "| JDK | ",
				"## 1. Per-call overhead", "## 2. Concurrent waits", "## 3. Webhook ingestion", "## 4. API calls",
				"## 5. Startup", "## 6. The receiver under attack");
		assertThat(results).contains("| 2. concurrent waits | 200 waits completed (each repeat) | 200 | = 200 | met |");
		assertThat(results).contains("| reactive #1 | reactor-unbounded-queue | 50 ms | 200 | 200 | 0 |");
		assertThat(results).contains("| thread per wait (baseline) | reactor-unbounded-queue | 50 ms | 50 | 50 | 0 |");
		Matcher events = Pattern.compile("Events published by the receiver: (\\d+) for (\\d+) accepted deliveries")
			.matcher(results);
		assertThat(events.find()).isTrue();
		assertThat(Long.parseLong(events.group(1))).isPositive().isEqualTo(Long.parseLong(events.group(2)));
		assertThat(results).containsPattern("\\| 1,972 B \\|.*\\| 0 \\|\n");
		assertThat(results).containsPattern("\\| 399,972 B \\|.*\\| 0 \\|\n");
		assertThat(results).contains("| 30 s | webhooks | 5 / 5 | **1 (1–1)** | 5 |",
				"| 5 min | webhooks | 5 / 5 | **2 (2–2)** | 5 |", "| 5 min | polling every 10 s | 5 / 5 |");
		assertThat(results).contains("| bean definitions | ");
		// Unsigned bodies are refused unread; the valid deliveries sent meanwhile are all processed, once.
		assertThat(results).containsPattern("\\| unsigned bodies of the largest size \\| 8 \\| \\d+ \\| 401: \\d+ \\|");
		assertThat(results).contains("The application was still serving after the last phase.");
		Matcher deliveries = Pattern
			.compile("\\| (?:unsigned|wrongly signed|slow)[^|]*\\|(?:[^|]*\\|){4} (\\d+) / (\\d+) \\(\\d+\\) \\|(?:[^|]*\\|){6} (\\d+) \\|\n")
			.matcher(results);
		int kinds = 0;
		while (deliveries.find()) {
			kinds++;
			assertThat(deliveries.group(1)).isEqualTo(deliveries.group(2)).isEqualTo(deliveries.group(3));
			assertThat(Integer.parseInt(deliveries.group(2))).isPositive();
		}
		assertThat(kinds).isEqualTo(3);
	}

}
