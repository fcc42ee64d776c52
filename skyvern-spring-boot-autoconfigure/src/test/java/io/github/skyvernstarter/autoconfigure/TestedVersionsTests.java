package io.github.skyvernstarter.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that each test pass of the build runs on the Spring Boot and Java versions the build gave it,
 * so that a pass meant for Boot 4.0 or Java 25 cannot quietly run on the defaults.
 */
class TestedVersionsTests {

	@Test
	void runsOnTheSpringBootVersionOfThisPass() {
		String expected = System.getProperty("skyvern.test.spring-boot-version");
		assertThat(expected).as("skyvern.test.spring-boot-version, set by the build's surefire configuration")
			.isNotBlank();
		assertThat(SpringBootVersion.getVersion()).isEqualTo(expected);
	}

	@Test
	void runsOnTheJavaVersionOfThisPassIfItNamesOne() {
		String expected = System.getProperty("skyvern.test.java-version");
		if (expected != null) {
			assertThat(Runtime.version().feature()).isEqualTo(Integer.parseInt(expected));
		}
	}

}
