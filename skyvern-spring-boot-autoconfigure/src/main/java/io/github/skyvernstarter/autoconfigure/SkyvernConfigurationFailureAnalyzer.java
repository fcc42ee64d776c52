package io.github.skyvernstarter.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Turns a {@link SkyvernConfigurationException} into a startup report that names the property and
 * how to set it; for values that are not secret, it shows the value as the user wrote it and where
 * ({@code -5m} in {@code application.yml}), rather than as the bound object ({@code PT-5M}).
 */
final class SkyvernConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SkyvernConfigurationException> {

	private static final int MAX_VALUE_LENGTH = 200;

	private final @Nullable Environment environment;

	/**
	 * Create an analyzer; Boot passes the application's environment.
	 * @param environment the environment, or {@code null} when the context could not be created
	 */
	public SkyvernConfigurationFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	SkyvernConfigurationFailureAnalyzer() {
		this(null);
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SkyvernConfigurationException cause) {
		String description = cause.getMessage() + ".";
		if (cause.isConfiguredValueShown()) {
			String configured = configuredValue(cause.getProperty());
			if (configured != null) {
				description += " It is set to " + configured + ".";
			}
		}
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

	private @Nullable String configuredValue(String property) {
		if (!(this.environment instanceof ConfigurableEnvironment environment)
				|| !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty configured = source.getConfigurationProperty(name);
			if (configured != null && configured.getValue() != null) {
				String text = String.valueOf(configured.getValue());
				text = environment.resolvePlaceholders(text);
				String shown = "'" + printable(text) + "'";
				return (configured.getOrigin() != null) ? shown + " (" + configured.getOrigin() + ")" : shown;
			}
		}
		return null;
	}

	private static String printable(String text) {
		String oneLine = text.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
		return (oneLine.length() <= MAX_VALUE_LENGTH) ? oneLine : oneLine.substring(0, MAX_VALUE_LENGTH) + "...";
	}

}
