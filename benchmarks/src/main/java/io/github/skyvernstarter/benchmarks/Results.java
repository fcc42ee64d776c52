package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Reads and writes the figures a child JVM hands back to the suite.
 */
final class Results {

	private Results() {
	}

	static void write(Path file, Properties figures) {
		try (Writer writer = Files.newBufferedWriter(file)) {
			figures.store(writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Properties read(Path file) {
		Properties figures = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			figures.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return figures;
	}

	static String join(double[] values) {
		return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
	}

	static double[] doubles(Properties figures, String key) {
		String value = figures.getProperty(key);
		if (value == null || value.isEmpty()) {
			return new double[0];
		}
		return Arrays.stream(value.split(",")).mapToDouble(Double::parseDouble).toArray();
	}

	static long number(Properties figures, String key) {
		String value = figures.getProperty(key);
		if (value == null) {
			throw new IllegalStateException("Missing figure " + key);
		}
		return Long.parseLong(value);
	}

}
