package io.github.skyvernstarter.docs;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.skyvernstarter.docs.ConfigurationTableCheck.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ConfigurationTableCheck}.
 */
class ConfigurationTableCheckTests {

	private final Map<String, Property> properties = new TreeMap<>(Map.of("skyvern.poll-interval",
			new Property("10s", "Time between status checks while waiting for a run."), "skyvern.retry.multiplier",
			new Property("2", "Factor applied to the delay after each retry."), "skyvern.webhooks.public-url",
			new Property(null, "Public URL of this \"application\".")));

	@Test
	void aTableOfEveryPropertyWithItsDefaultPasses() {
		assertThat(check("""
				| `skyvern.poll-interval` | `10s` | Time between status checks while waiting for a run. |
				| `skyvern.retry.multiplier` | `2.0` | Factor applied to the delay after each retry. A note. |
				| `skyvern.webhooks.public-url` | | Public URL of this `application`. |
				""")).isEmpty();
	}

	@Test
	void aMissingPropertyIsReportedWithTheRowToAdd() {
		assertThat(check("""
				| `skyvern.poll-interval` | `10s` | Time between status checks while waiting for a run. |
				| `skyvern.webhooks.public-url` | | Public URL of this application. |
				""")).containsExactly("configuration.md: no row for the property skyvern.retry.multiplier. Add: "
						+ "| `skyvern.retry.multiplier` | `2` | Factor applied to the delay after each retry. |");
	}

	@Test
	void aStaleRowAWrongDefaultAndAnotherDescriptionAreReported() {
		assertThat(check("""
				| `skyvern.poll-interval` | `5s` | Time between status checks. |
				| `skyvern.retry.multiplier` | 2 | Factor applied to the delay after each retry. |
				| `skyvern.webhooks.public-url` | `none` | Public URL of this application. |
				| `skyvern.old-name` | `1s` | Gone. |
				""")).containsExactly("configuration.md:3: skyvern.poll-interval has the default `10s`, but the table says `5s`.",
						"configuration.md:3: the description of skyvern.poll-interval must start with the property's own: "
								+ "Time between status checks while waiting for a run.",
						"configuration.md:4: skyvern.retry.multiplier has the default `2`, which its default cell must "
								+ "show as a code span, not '2'.",
						"configuration.md:5: skyvern.webhooks.public-url has no default in the metadata, so its default "
								+ "cell is words (such as 'off') or empty, not the value `none`.",
						"configuration.md:6: a row for skyvern.old-name, which is not a property in the metadata: remove "
								+ "the row, or correct its name.");
	}

	private List<String> check(String rows) {
		String page = "| property | default | description |\n| --- | --- | --- |\n" + rows;
		return ConfigurationTableCheck.check("configuration.md", List.of(page.split("\n")), this.properties);
	}

}
