package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the harness works end to end with tiny sizes; asserts what was counted, never how fast.
 */
class BenchmarkSuiteSmokeTests {

	@TempDir
	Path work;

	@Test
	void quickRunMeasuresEveryScenarioAndWritesTheTable() throws IOException {
		Path output = this.work.resolve("RESULTS.md");
		BenchmarkSuite.run(Settings.quickRun(), new LinkedHashSet<>(List.of("1", "2", "5")), output, this.work);
		String results = Files.readString(output);
		assertThat(results).contains("# Benchmark results", "Quick run", "| cores | ", "| JDK | ",
				"## 1. Per-call overhead", "## 2. Concurrent waits", "## 5. Startup");
		assertThat(results).contains("| 2. concurrent waits | 200 waits completed (each repeat) | 200 | = 200 | met |");
		assertThat(results).contains("| reactive #1 | reactor-unbounded-queue | 200 | 200 | 0 |");
		assertThat(results).contains("| thread per wait (baseline) | reactor-unbounded-queue | 50 | 50 | 0 |");
		assertThat(results).contains("| bean definitions | ");
	}

}
