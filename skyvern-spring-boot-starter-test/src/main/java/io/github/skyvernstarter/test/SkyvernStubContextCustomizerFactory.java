package io.github.skyvernstarter.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Creates a {@link SkyvernStubContextCustomizer} for test classes annotated with
 * {@link AutoConfigureSkyvernStub}.
 */
class SkyvernStubContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureSkyvernStub annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureSkyvernStub.class);
		return (annotation != null) ? new SkyvernStubContextCustomizer(annotation.pollInterval(), annotation.retryDelay()) : null;
	}

}
