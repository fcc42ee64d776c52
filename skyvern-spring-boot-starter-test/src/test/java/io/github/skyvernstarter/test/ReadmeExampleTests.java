package io.github.skyvernstarter.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that README's "Testing your code" example is the test that runs in this build
 * ({@code example/InvoiceServiceTests}), so the two cannot drift apart.
 */
class ReadmeExampleTests {

	@Test
	void readmeShowsTheExampleTestThatRuns() throws IOException {
		String source = Files.readString(
				Path.of("src/test/java/io/github/skyvernstarter/test/example/InvoiceServiceTests.java"),
				StandardCharsets.UTF_8);
		String withoutPackage = source.substring(source.indexOf("import "));
		String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
		assertThat(readme).contains("```java\n" + withoutPackage + "```\n");
	}

}
