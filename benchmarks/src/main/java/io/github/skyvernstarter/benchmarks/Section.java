package io.github.skyvernstarter.benchmarks;

import java.util.List;

/**
 * One scenario's part of the results: its markdown and its lines in the summary table.
 *
 * @param markdown the section, starting with its heading
 * @param summary rows of the summary table
 */
record Section(String markdown, List<SummaryRow> summary) {

	/**
	 * One figure against its target.
	 *
	 * @param scenario the scenario
	 * @param figure what was measured
	 * @param value the measured value
	 * @param target the target, or an empty string
	 * @param verdict {@code met}, {@code missed} or an empty string
	 */
	record SummaryRow(String scenario, String figure, String value, String target, String verdict) {

		static String verdict(boolean met) {
			return met ? "met" : "**missed**";
		}

	}

}
