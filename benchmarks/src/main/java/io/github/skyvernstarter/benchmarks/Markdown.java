package io.github.skyvernstarter.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * Small helpers for markdown tables.
 */
final class Markdown {

	private Markdown() {
	}

	static String table(List<String> header, List<List<String>> rows) {
		StringBuilder table = new StringBuilder();
		table.append(row(header));
		table.append("|").append(" --- |".repeat(header.size())).append("\n");
		rows.forEach((row) -> table.append(row(row)));
		return table.toString();
	}

	private static String row(List<String> cells) {
		return "| " + String.join(" | ", cells) + " |\n";
	}

	static String format(String format, Object... args) {
		return String.format(Locale.ROOT, format, args);
	}

}
