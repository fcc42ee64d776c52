package io.github.skyvernstarter.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the relative links of a Markdown file: the file or directory linked to exists, and an
 * anchor ({@code page.md#section}, {@code #section}) names one of its headings. Links with a scheme
 * ({@code https:}, {@code mailto:}) are not followed.
 */
final class LinkCheck {

	private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

	private final Path root;

	private final Set<String> pagesToCome;

	/**
	 * Create a check.
	 * @param root the repository root
	 * @param pagesToCome paths from the root of pages that other work adds, which may be linked to
	 * before they exist
	 */
	LinkCheck(Path root, Set<String> pagesToCome) {
		this.root = root;
		this.pagesToCome = pagesToCome;
	}

	/**
	 * Return the broken links of one Markdown file, each naming the file and line.
	 */
	List<String> check(Path markdown) {
		List<String> lines = MarkdownDocs.lines(markdown);
		List<String> prose = MarkdownDocs.prose(lines);
		String file = this.root.relativize(markdown).toString();
		List<String> problems = new ArrayList<>();
		// Joined, because a link's text may wrap onto the next line.
		String text = String.join("\n", prose);
		Matcher link = LINK.matcher(text);
		while (link.find()) {
			String problem = problem(markdown, lines, link.group(1));
			if (problem != null) {
				int line = (int) text.substring(0, link.start(1)).chars().filter((c) -> c == '\n').count() + 1;
				problems.add(file + ":" + line + ": the link " + link.group(1) + " " + problem + ".");
			}
		}
		return problems;
	}

	private String problem(Path markdown, List<String> lines, String target) {
		if (target.matches("[A-Za-z][A-Za-z0-9+.-]*:.*")) {
			return null;
		}
		int hash = target.indexOf('#');
		String path = (hash < 0) ? target : target.substring(0, hash);
		String anchor = (hash < 0) ? null : target.substring(hash + 1);
		Path linked = path.isEmpty() ? markdown : markdown.getParent().resolve(path).normalize();
		if (!linked.startsWith(this.root)) {
			return "leaves the repository";
		}
		if (!Files.exists(linked)) {
			return this.pagesToCome.contains(this.root.relativize(linked).toString().replace('\\', '/')) ? null
					: "points to " + this.root.relativize(linked) + ", which does not exist";
		}
		if (anchor == null || !linked.toString().endsWith(".md")) {
			return null;
		}
		List<String> linkedLines = linked.equals(markdown) ? lines : MarkdownDocs.lines(linked);
		return MarkdownDocs.anchors(linkedLines).contains(anchor) ? null
				: "names no heading of " + this.root.relativize(linked) + " (its anchors: "
						+ MarkdownDocs.anchors(linkedLines) + ")";
	}

}
