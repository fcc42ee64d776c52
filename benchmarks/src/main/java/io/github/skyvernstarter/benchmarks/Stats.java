package io.github.skyvernstarter.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Order statistics over samples: nearest-rank percentiles, median and spread.
 */
final class Stats {

	private Stats() {
	}

	static double percentile(long[] samples, double percentile) {
		long[] sorted = samples.clone();
		Arrays.sort(sorted);
		return sorted[rank(sorted.length, percentile)];
	}

	static double percentile(double[] samples, double percentile) {
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		return sorted[rank(sorted.length, percentile)];
	}

	static double median(double[] samples) {
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double min(double[] samples) {
		return Arrays.stream(samples).min().orElse(Double.NaN);
	}

	static double max(double[] samples) {
		return Arrays.stream(samples).max().orElse(Double.NaN);
	}

	/**
	 * Format the median and the range of the samples, for example {@code 1.03 (0.98-1.07)}.
	 */
	static String medianAndRange(double[] samples, String format) {
		if (samples.length == 1) {
			return String.format(Locale.ROOT, format, samples[0]);
		}
		return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(samples), min(samples),
				max(samples));
	}

	private static int rank(int size, double percentile) {
		if (size == 0) {
			throw new IllegalArgumentException("No samples");
		}
		int rank = (int) Math.ceil(percentile / 100.0 * size) - 1;
		return Math.max(0, Math.min(size - 1, rank));
	}

}
