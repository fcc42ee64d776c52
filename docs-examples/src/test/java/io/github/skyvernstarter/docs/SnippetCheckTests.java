package io.github.skyvernstarter.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SnippetCheck}.
 */
class SnippetCheckTests {

	private static final String SOURCE = """
			package com.example;

			import java.util.List;

			class Example {

				void run() {
					// tag::call[]
					List<String> names = List.of("a");
					names.forEach(System.out::println);
					// end::call[]
				}

			}
			""";

	@TempDir
	private Path root;

	@BeforeEach
	void writeSource() throws IOException {
		Files.createDirectories(this.root.resolve("src"));
		Files.writeString(this.root.resolve("src/Example.java"), SOURCE);
	}

	@Test
	void aWholeFileIsShownFromAfterItsPackageLineWithoutRegionMarkers() throws IOException {
		assertThat(check("""
				<!-- snippet: src/Example.java -->
				```java
				import java.util.List;

				class Example {

					void run() {
						List<String> names = List.of("a");
						names.forEach(System.out::println);
					}

				}
				```
				""")).isEmpty();
	}

	@Test
	void aRegionIsShownWithoutItsCommonIndentationAlsoInsideAListItem() throws IOException {
		assertThat(check("""
				- Call it:

				  <!-- snippet: src/Example.java#call -->
				  ```java
				  List<String> names = List.of("a");
				  names.forEach(System.out::println);
				  ```
				""")).isEmpty();
	}

	@Test
	void aBlockThatDiffersFromItsSourceIsReportedWithTheFirstDifferentLine() throws IOException {
		assertThat(check("""
				Text.

				<!-- snippet: src/Example.java#call -->
				```java
				List<String> names = List.of("b");
				names.forEach(System.out::println);
				```
				""")).singleElement()
			.asString()
			.startsWith("page.md:4: the block differs from src/Example.java#call at its line 1")
			.contains("List.of(\"b\")");
	}

	@Test
	void aJavaBlockWithoutAMarkerIsReported() throws IOException {
		assertThat(check("""
				```java
				var x = 1;
				```

				```yaml
				a: b
				```
				""")).singleElement().asString().startsWith("page.md:1: a ```java block without a snippet marker");
	}

	@Test
	void aMissingSourceOrRegionAndAStrayMarkerAreReported() throws IOException {
		assertThat(check("""
				<!-- snippet: src/Missing.java -->
				```java
				```

				<!-- snippet: src/Example.java#other -->
				```java
				```

				<!-- snippet: src/Example.java -->
				Text.
				""")).containsExactly("page.md:2: the snippet's source src/Missing.java does not exist.",
						"page.md:6: src/Example.java has no region 'other' (// tag::other[] ... // end::other[]).",
						"page.md:9: a snippet marker not directly followed by a code block.");
	}

	@Test
	void aMarkerShownInsideACodeBlockIsText() throws IOException {
		assertThat(check("""
				```
				<!-- snippet: src/Missing.java -->
				```
				""")).isEmpty();
	}

	private List<String> check(String markdown) throws IOException {
		Path page = this.root.resolve("page.md");
		Files.writeString(page, markdown);
		return new SnippetCheck(this.root).check(page);
	}

}
