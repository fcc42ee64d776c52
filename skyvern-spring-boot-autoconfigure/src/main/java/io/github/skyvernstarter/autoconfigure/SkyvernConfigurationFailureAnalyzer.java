package io.github.skyvernstarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link SkyvernConfigurationException} into a startup report that names the property and
 * how to set it.
 */
class SkyvernConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SkyvernConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SkyvernConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage() + ".", cause.getAction(), cause);
	}

}
