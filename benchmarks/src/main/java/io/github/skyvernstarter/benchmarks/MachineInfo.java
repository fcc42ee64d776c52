package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the figures were measured on.
 */
final class MachineInfo {

	private MachineInfo() {
	}

	static String cpu() {
		return readLines("/proc/cpuinfo").stream()
			.filter((line) -> line.startsWith("model name"))
			.map((line) -> line.substring(line.indexOf(':') + 1).strip())
			.findFirst()
			.orElse(System.getProperty("os.arch"));
	}

	static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	static String memory() {
		return readLines("/proc/meminfo").stream()
			.filter((line) -> line.startsWith("MemTotal:"))
			.map((line) -> Markdown.format("%.1f GiB",
					Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
			.findFirst()
			.orElse("unknown");
	}

	static String os() {
		return System.getProperty("os.name") + " " + System.getProperty("os.version");
	}

	static String jdk() {
		return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vendor") + ")";
	}

	static String loadAverage() {
		return readLines("/proc/loadavg").stream().findFirst().map((line) -> {
			String[] parts = line.split(" ");
			return parts[0] + " / " + parts[1] + " / " + parts[2];
		}).orElse("unknown");
	}

	static String gitCommit() {
		try {
			Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
			String out = new String(git.getInputStream().readAllBytes()).strip();
			return (git.waitFor() == 0) ? out : "unknown";
		}
		catch (IOException ex) {
			return "unknown";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "unknown";
		}
	}

	static long uptimeMillis() {
		return ManagementFactory.getRuntimeMXBean().getUptime();
	}

	private static List<String> readLines(String file) {
		try {
			return Optional.of(Path.of(file)).filter(Files::isReadable).map((path) -> {
				try {
					return Files.readAllLines(path);
				}
				catch (IOException ex) {
					return List.<String>of();
				}
			}).orElse(List.of());
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

}
