package io.github.skyvernstarter.test;

import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureSkyvernStub} in an application configured exactly as README's quick
 * start says ({@code skyvern.api-key: ${SKYVERN_API_KEY}} in {@code application.yml}): where the
 * variable is unset, which the starter refuses at startup, the test kit supplies its test key.
 */
@SpringBootTest(classes = StubbedTestApplication.class,
		properties = "spring.config.location=classpath:readme/application.yml")
@AutoConfigureSkyvernStub
class AutoConfigureSkyvernStubReadmeConfigurationTests {

	@Autowired
	private SkyvernProperties properties;

	@Autowired
	private SkyvernWorkflowTemplate template;

	@Autowired
	private SkyvernStub skyvern;

	@Test
	void runsWithTheTestKeyWhenSkyvernApiKeyIsUnsetOrTheDevelopersKeyWhenSet() {
		String variable = System.getenv("SKYVERN_API_KEY");
		boolean set = variable != null && !variable.isBlank();
		assertThat(this.properties.getApiKey()).isEqualTo(set ? variable : SkyvernStubContextCustomizer.TEST_API_KEY);
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_readme").build());
		this.skyvern.assertRunStarted("wpid_readme")
			.hasHeader("x-api-key", set ? variable.strip() : SkyvernStubContextCustomizer.TEST_API_KEY);
	}

}
