package io.github.skyvernstarter.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The project's Markdown files, read as GitHub shows them: fenced code blocks (with the snippet
 * marker in front of each, if any), headings and their anchors, and the text outside code.
 */
final class MarkdownDocs {

	/** A snippet marker: {@code <!-- snippet: path/from/the/repository/root[#region] -->}. */
	static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*snippet:\\s*(\\S+)\\s*-->\\s*$");

	private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^`\\s]*).*$");

	private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");

	private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");

	private MarkdownDocs() {
	}

	/**
	 * Return the repository's root: the nearest directory up from the working directory that holds
	 * {@code mvnw} and {@code README.md}.
	 */
	static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("README.md"))) {
				return dir;
			}
			dir = dir.getParent();
		}
		throw new IllegalStateException("No repository root (with mvnw and README.md) above " + Path.of("").toAbsolutePath());
	}

	/**
	 * Return every Markdown file of the repository outside build output and hidden directories:
	 * README.md, docs/ and the READMEs beside the modules.
	 */
	static List<Path> files(Path root) {
		try (Stream<Path> paths = Files.walk(root)) {
			return paths.filter((path) -> path.toString().endsWith(".md"))
				.filter((path) -> isSource(root.relativize(path)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isSource(Path relative) {
		for (Path part : relative) {
			String name = part.toString();
			if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
				return false;
			}
		}
		return true;
	}

	static List<String> lines(Path file) {
		try {
			return Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Return the fenced code blocks of a Markdown text.
	 */
	static List<Block> blocks(List<String> lines) {
		List<Block> blocks = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			Matcher open = FENCE.matcher(lines.get(i));
			if (!open.matches()) {
				i++;
				continue;
			}
			int indent = open.group(1).length();
			String fence = open.group(2);
			int end = i + 1;
			while (end < lines.size() && !closes(lines.get(end), fence)) {
				end++;
			}
			List<String> content = new ArrayList<>();
			for (int j = i + 1; j < end; j++) {
				content.add(withoutIndent(lines.get(j), indent));
			}
			String marker = null;
			if (i > 0) {
				Matcher previous = MARKER.matcher(lines.get(i - 1));
				marker = previous.matches() ? previous.group(1) : null;
			}
			blocks.add(new Block(i + 1, open.group(3).toLowerCase(Locale.ROOT), String.join("\n", content), marker));
			i = end + 1;
		}
		return blocks;
	}

	private static boolean closes(String line, String fence) {
		String stripped = line.strip();
		return line.length() - line.stripLeading().length() <= 3 && stripped.length() >= fence.length()
				&& stripped.chars().allMatch((c) -> c == fence.charAt(0));
	}

	private static String withoutIndent(String line, int indent) {
		int remove = 0;
		while (remove < indent && remove < line.length() && line.charAt(remove) == ' ') {
			remove++;
		}
		return line.substring(remove);
	}

	/**
	 * Return the lines of a Markdown text with fenced blocks blanked and code spans removed, so that
	 * what looks like a link or a heading inside code is not taken for one.
	 */
	static List<String> prose(List<String> lines) {
		List<String> prose = new ArrayList<>(lines.size());
		String fence = null;
		for (String line : lines) {
			if (fence != null) {
				fence = closes(line, fence) ? null : fence;
				prose.add("");
				continue;
			}
			Matcher open = FENCE.matcher(line);
			if (open.matches()) {
				fence = open.group(2);
				prose.add("");
				continue;
			}
			prose.add(CODE_SPAN.matcher(line).replaceAll(""));
		}
		return prose;
	}

	/**
	 * Return the anchors GitHub gives the headings of a Markdown text.
	 */
	static Set<String> anchors(List<String> lines) {
		Set<String> anchors = new LinkedHashSet<>();
		Map<String, Integer> seen = new HashMap<>();
		String fence = null;
		for (String line : lines) {
			Matcher open = FENCE.matcher(line);
			if (fence != null) {
				fence = closes(line, fence) ? null : fence;
				continue;
			}
			if (open.matches()) {
				fence = open.group(2);
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				String slug = slug(heading.group(1));
				int count = seen.merge(slug, 1, Integer::sum);
				anchors.add((count == 1) ? slug : slug + "-" + (count - 1));
			}
		}
		return anchors;
	}

	/**
	 * Return GitHub's anchor for a heading: lower case, punctuation dropped, spaces made hyphens.
	 */
	static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
		StringBuilder slug = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
				slug.appendCodePoint(c);
			}
			else if (c == ' ') {
				slug.append('-');
			}
		});
		return slug.toString();
	}

	/**
	 * A fenced code block.
	 *
	 * @param line the line of its opening fence, from 1
	 * @param language the fence's language ({@code java}, {@code yaml}, ...), or empty
	 * @param content its text, without the fences and without the fence's own indentation
	 * @param marker the snippet reference of the marker on the line before it, or {@code null}
	 */
	record Block(int line, String language, String content, @Nullable String marker) {

	}

}
