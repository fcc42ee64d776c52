package io.github.skyvernstarter.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the {@link SkyvernStub} before each test method of a class annotated with
 * {@link AutoConfigureSkyvernStub}, so that tests sharing a context do not see each other's stubs and
 * runs.
 */
class SkyvernStubTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public int getOrder() {
		// After dependency injection, before the test's own @BeforeEach methods stub anything.
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!TestContextAnnotationUtils.hasAnnotation(testContext.getTestClass(), AutoConfigureSkyvernStub.class)
				|| !testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.containsBean(SkyvernStubContextCustomizer.BEAN_NAME)) {
			context.getBean(SkyvernStubContextCustomizer.BEAN_NAME, SkyvernStub.class).reset();
		}
	}

}
