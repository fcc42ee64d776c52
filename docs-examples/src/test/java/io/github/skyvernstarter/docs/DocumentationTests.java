package io.github.skyvernstarter.docs;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks README.md, docs/ and the modules' READMEs against the build: every Java snippet is a
 * source file that compiles here, every relative link leads somewhere, and the configuration
 * reference lists exactly the properties the starter has.
 */
class DocumentationTests {

	/**
	 * Pages that work in progress adds, which the docs may link to before they are merged; an entry
	 * may go once its page exists.
	 */
	static final Set<String> PAGES_TO_COME = Set.of();

	private final Path root = MarkdownDocs.repositoryRoot();

	private final List<Path> files = MarkdownDocs.files(this.root);

	@Test
	void readsReadmeAndEveryPageOfDocs() {
		assertThat(this.files).contains(this.root.resolve("README.md"), this.root.resolve("docs/README.md"),
				this.root.resolve("docs/configuration.md"), this.root.resolve("sample-app/README.md"));
	}

	@Test
	void everyCodeSnippetIsTheSourceItNames() {
		SnippetCheck check = new SnippetCheck(this.root);
		assertNone(this.files.stream().flatMap((file) -> check.check(file).stream()).toList(),
				"Code blocks that are not the source they show");
	}

	@Test
	void everyRelativeLinkLeadsToAFileAndHeading() {
		LinkCheck check = new LinkCheck(this.root, PAGES_TO_COME);
		assertNone(this.files.stream().flatMap((file) -> check.check(file).stream()).toList(), "Broken links");
	}

	@Test
	void theConfigurationReferenceHasOneRowForEveryPropertyWithItsDefault() {
		Path reference = this.root.resolve("docs/configuration.md");
		assertNone(ConfigurationTableCheck.check("docs/configuration.md", MarkdownDocs.lines(reference),
				ConfigurationMetadata.properties()), "docs/configuration.md and the configuration metadata disagree");
	}

	@Test
	void noOtherPageHasATableOfProperties() {
		List<String> others = this.files.stream()
			.filter((file) -> !file.equals(this.root.resolve("docs/configuration.md")))
			.filter((file) -> MarkdownDocs.lines(file)
				.stream()
				.anyMatch((line) -> ConfigurationTableCheck.HEADER.matcher(line).matches()))
			.map((file) -> this.root.relativize(file) + ": a table of properties; move its rows to the one table in "
					+ "docs/configuration.md and link to it")
			.toList();
		assertNone(others, "Properties listed outside docs/configuration.md");
	}

	private static void assertNone(List<String> problems, String what) {
		assertThat(problems).withFailMessage(() -> what + ":\n" + String.join("\n", problems)).isEmpty();
	}

}
