package io.github.skyvernstarter.docs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks the one table of properties in {@code docs/configuration.md} against the configuration
 * metadata that the build generates: a row for every property, each row a real property, with its
 * default, and a description that starts with the property's own (code spans and quotes aside;
 * a row may add a note after it).
 */
final class ConfigurationTableCheck {

	/** The header of the property table; no other Markdown file may have a table with it. */
	static final Pattern HEADER = Pattern.compile("^\\|\\s*property\\s*\\|\\s*default\\s*\\|\\s*description\\s*\\|\\s*$");

	private static final Pattern CODE_SPAN = Pattern.compile("^`([^`]*)`$");

	private ConfigurationTableCheck() {
	}

	/**
	 * Return what is wrong with the property table of the given Markdown file.
	 * @param file the file's name, for messages
	 * @param lines the file's lines
	 * @param properties the properties of the metadata, by name
	 */
	static List<String> check(String file, List<String> lines, Map<String, Property> properties) {
		List<String> problems = new ArrayList<>();
		Map<String, Row> rows = new LinkedHashMap<>();
		int tables = 0;
		for (int i = 0; i < lines.size(); i++) {
			if (!HEADER.matcher(lines.get(i)).matches()) {
				continue;
			}
			tables++;
			for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
				Row row = Row.parse(j + 1, lines.get(j));
				if (row == null) {
					problems.add(file + ":" + (j + 1) + ": a row that is not | `name` | default | description |.");
				}
				else if (rows.putIfAbsent(row.name(), row) != null) {
					problems.add(file + ":" + row.line() + ": a second row for " + row.name() + ".");
				}
			}
		}
		if (tables != 1) {
			problems.add(file + ": " + tables + " tables with the header | property | default | description |; "
					+ "there must be exactly one, of every property.");
		}
		properties.forEach((name, property) -> {
			Row row = rows.get(name);
			if (row == null) {
				problems.add(file + ": no row for the property " + name + ". Add: " + property.row(name));
				return;
			}
			String defaultProblem = defaultProblem(row.defaultValue(), property.defaultValue());
			if (defaultProblem != null) {
				problems.add(file + ":" + row.line() + ": " + name + " " + defaultProblem + ".");
			}
			String description = property.description();
			if (description != null && !normalized(row.description()).startsWith(normalized(description))) {
				problems.add(file + ":" + row.line() + ": the description of " + name
						+ " must start with the property's own: " + description);
			}
		});
		rows.values()
			.stream()
			.filter((row) -> !properties.containsKey(row.name()))
			.forEach((row) -> problems.add(file + ":" + row.line() + ": a row for " + row.name()
					+ ", which is not a property in the metadata: remove the row, or correct its name."));
		return problems;
	}

	private static @Nullable String defaultProblem(String cell, @Nullable String expected) {
		var code = CODE_SPAN.matcher(cell);
		if (expected == null) {
			return cell.contains("`") ? "has no default in the metadata, so its default cell is words (such as "
					+ "'off') or empty, not the value " + cell : null;
		}
		if (!code.matches()) {
			return "has the default `" + expected + "`, which its default cell must show as a code span, not '"
					+ cell + "'";
		}
		String shown = code.group(1);
		return (shown.equals(expected) || sameNumber(shown, expected)) ? null
				: "has the default `" + expected + "`, but the table says " + cell;
	}

	private static boolean sameNumber(String a, String b) {
		try {
			return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

	private static String normalized(String text) {
		return text.replace("`", "").replace("\"", "").replaceAll("\\s+", " ").strip();
	}

	/**
	 * A property as the metadata describes it.
	 *
	 * @param defaultValue its default as text, or {@code null} when the metadata gives none
	 * @param description its description, or {@code null}
	 */
	record Property(@Nullable String defaultValue, @Nullable String description) {

		String row(String name) {
			String shownDefault = (this.defaultValue != null) ? "`" + this.defaultValue + "`" : "";
			String shownDescription = (this.description != null) ? this.description : "";
			return "| `" + name + "` | " + shownDefault + " | " + shownDescription + " |";
		}

	}

	/**
	 * A row of the table.
	 */
	record Row(int line, String name, String defaultValue, String description) {

		static @Nullable Row parse(int line, String text) {
			String[] cells = text.strip().split("\\|", -1);
			if (cells.length != 5 || !cells[0].isEmpty() || !cells[4].isEmpty()) {
				return null;
			}
			var name = CODE_SPAN.matcher(cells[1].strip());
			return name.matches() ? new Row(line, name.group(1), cells[2].strip(), cells[3].strip()) : null;
		}

	}

}
