package io.github.skyvernstarter.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LinkCheck}.
 */
class LinkCheckTests {

	@TempDir
	private Path root;

	@Test
	void linksToExistingFilesAndHeadingsPass() throws IOException {
		write("docs/webhooks.md", "# Webhooks\n\n## Context paths, proxies and a `management` port\n\n## Setup\n");
		assertThat(check("""
				# Page

				See [webhooks](docs/webhooks.md), [context paths](docs/webhooks.md#context-paths-proxies-and-a-management-port),
				[this page](#page), [the code](docs) and [Skyvern](https://www.skyvern.com).
				""")).isEmpty();
	}

	@Test
	void missingFilesAndHeadingsAreReportedButPagesToComeAreNot() throws IOException {
		write("docs/webhooks.md", "# Webhooks\n");
		assertThat(check("""
				# Page

				[a](docs/missing.md), [b](docs/webhooks.md#setup), [c](#nowhere), [d](docs/tasks.md), [a link
				that wraps](#elsewhere).
				`[not a link](nowhere.md)`
				""")).containsExactly("README.md:3: the link docs/missing.md points to docs/missing.md, which does not exist.",
						"README.md:3: the link docs/webhooks.md#setup names no heading of docs/webhooks.md (its anchors: [webhooks]).",
						"README.md:3: the link #nowhere names no heading of README.md (its anchors: [page]).",
						"README.md:4: the link #elsewhere names no heading of README.md (its anchors: [page]).");
	}

	private List<String> check(String markdown) throws IOException {
		return new LinkCheck(this.root, Set.of("docs/tasks.md")).check(write("README.md", markdown));
	}

	private Path write(String name, String text) throws IOException {
		Path file = this.root.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, text);
	}

}
