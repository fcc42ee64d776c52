package io.github.skyvernstarter.test;

import io.github.skyvernstarter.autoconfigure.SkyvernProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AutoConfigureSkyvernStub} in an application whose key comes from an environment
 * variable that tests do not set, and without a web server.
 */
@SpringBootTest(properties = "skyvern.api-key=${SKYVERN_STUB_TESTS_UNSET_VARIABLE}")
@AutoConfigureSkyvernStub
class AutoConfigureSkyvernStubUnresolvedKeyTests {

	@Autowired
	private SkyvernProperties properties;

	@Autowired
	private SkyvernStub skyvern;

	@Test
	void usesTheTestKeyInsteadOfAnUnresolvablePlaceholder() {
		assertThat(this.properties.getApiKey()).isEqualTo(SkyvernStubContextCustomizer.TEST_API_KEY);
		assertThat(this.properties.getBaseUrl()).isEqualTo(this.skyvern.baseUrl());
	}

}
