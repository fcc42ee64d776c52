package io.github.skyvernstarter.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.github.skyvernstarter.docs.MarkdownDocs.Block;

/**
 * Checks that the code blocks of a Markdown file show real source files of the build.
 * <p>
 * A block is marked by an HTML comment on the line before its opening fence, which GitHub does not
 * show: {@code <!-- snippet: docs-examples/src/main/java/.../InvoiceService.java -->} for a whole
 * file (for Java, everything after the {@code package} line), or {@code ...Example.java#region} for
 * the lines between {@code // tag::region[]} and {@code // end::region[]} ({@code # tag::...} in
 * YAML), less their common indentation. Paths are from the repository root; lines holding
 * {@code tag::} or {@code end::} markers are never shown. Every {@code java} block must be marked
 * (so every Java snippet compiles in the build, imports included); blocks in other languages are
 * checked when marked.
 */
final class SnippetCheck {

	private static final Pattern REGION_MARKER = Pattern
		.compile("^\\s*(//|#|<!--)\\s*(tag|end)::[A-Za-z0-9_.-]+\\[\\]\\s*(-->)?\\s*$");

	private final Path root;

	SnippetCheck(Path root) {
		this.root = root;
	}

	/**
	 * Return what is wrong with the code blocks of one Markdown file, each naming the file and line.
	 */
	List<String> check(Path markdown) {
		List<String> lines = MarkdownDocs.lines(markdown);
		String file = this.root.relativize(markdown).toString();
		List<String> problems = new ArrayList<>();
		for (Block block : MarkdownDocs.blocks(lines)) {
			String where = file + ":" + block.line();
			if (block.marker() != null) {
				checkMarked(where, block, problems);
			}
			else if (block.language().equals("java")) {
				problems.add(where + ": a ```java block without a snippet marker. Put the code in a source file "
						+ "that the build compiles (docs-examples holds the examples) and write "
						+ "<!-- snippet: path/from/the/root/Example.java[#region] --> on the line before the block.");
			}
		}
		List<String> prose = MarkdownDocs.prose(lines);
		for (int i = 0; i < lines.size(); i++) {
			boolean marker = MarkdownDocs.MARKER.matcher(prose.get(i)).matches();
			if (marker && (i + 1 == lines.size() || !lines.get(i + 1).strip().matches("(`{3,}|~{3,}).*"))) {
				problems.add(file + ":" + (i + 1) + ": a snippet marker not directly followed by a code block.");
			}
		}
		return problems;
	}

	private void checkMarked(String where, Block block, List<String> problems) {
		String reference = block.marker();
		int hash = reference.indexOf('#');
		String path = (hash < 0) ? reference : reference.substring(0, hash);
		String region = (hash < 0) ? null : reference.substring(hash + 1);
		Path source = this.root.resolve(path).normalize();
		if (!source.startsWith(this.root) || !Files.isRegularFile(source)) {
			problems.add(where + ": the snippet's source " + path + " does not exist.");
			return;
		}
		List<String> sourceLines = MarkdownDocs.lines(source);
		List<String> expected = (region != null) ? region(sourceLines, region)
				: whole(sourceLines, path.endsWith(".java"));
		if (expected == null) {
			problems.add(where + ": " + path + " has no region '" + region + "' (// tag::" + region + "[] ... // end::"
					+ region + "[]).");
			return;
		}
		List<String> shown = List.of(block.content().split("\n", -1));
		if (!shown.equals(expected)) {
			problems.add(where + ": the block differs from " + reference + " " + firstDifference(shown, expected)
					+ ". Copy the source into the block, or change the source.");
		}
	}

	/**
	 * Return a whole file as shown: for Java, without what precedes and includes the package line.
	 */
	static List<String> whole(List<String> lines, boolean java) {
		int start = 0;
		if (java) {
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).startsWith("package ")) {
					start = i + 1;
					break;
				}
			}
		}
		List<String> shown = new ArrayList<>();
		for (String line : lines.subList(start, lines.size())) {
			if (!REGION_MARKER.matcher(line).matches()) {
				shown.add(line);
			}
		}
		return trimBlankEnds(shown);
	}

	/**
	 * Return the lines of a tagged region without their common indentation, or {@code null} when
	 * the file has no such region or it is not closed.
	 */
	static List<String> region(List<String> lines, String name) {
		String begin = "tag::" + name + "[]";
		String end = "end::" + name + "[]";
		int from = -1;
		for (int i = 0; i < lines.size(); i++) {
			if (REGION_MARKER.matcher(lines.get(i)).matches() && lines.get(i).contains(begin)) {
				from = i + 1;
				break;
			}
		}
		if (from < 0) {
			return null;
		}
		List<String> region = new ArrayList<>();
		for (int i = from; i < lines.size(); i++) {
			String line = lines.get(i);
			if (REGION_MARKER.matcher(line).matches()) {
				if (line.contains(end)) {
					return trimBlankEnds(dedent(region));
				}
				continue;
			}
			region.add(line);
		}
		return null;
	}

	private static List<String> dedent(List<String> lines) {
		int indent = lines.stream()
			.filter((line) -> !line.isBlank())
			.mapToInt((line) -> line.length() - line.stripLeading().length())
			.min()
			.orElse(0);
		return lines.stream().map((line) -> line.isBlank() ? "" : line.substring(indent)).toList();
	}

	private static List<String> trimBlankEnds(List<String> lines) {
		int from = 0;
		int to = lines.size();
		while (from < to && lines.get(from).isBlank()) {
			from++;
		}
		while (to > from && lines.get(to - 1).isBlank()) {
			to--;
		}
		return lines.subList(from, to);
	}

	private static String firstDifference(List<String> shown, List<String> expected) {
		for (int i = 0; i < Math.max(shown.size(), expected.size()); i++) {
			String a = (i < shown.size()) ? shown.get(i) : "<end of block>";
			String b = (i < expected.size()) ? expected.get(i) : "<end of source>";
			if (!a.equals(b)) {
				return "at its line " + (i + 1) + ": the block has [" + a + "], the source [" + b + "]";
			}
		}
		return "";
	}

}
