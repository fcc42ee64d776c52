package io.github.skyvernstarter.autoconfigure;

/**
 * A {@code skyvern.*} property is missing or invalid; reported at startup by
 * {@link SkyvernConfigurationFailureAnalyzer}.
 *
 * @since 0.1.0
 */
public class SkyvernConfigurationException extends RuntimeException {

	/** The property at fault. */
	private final String property;

	/** How to fix the configuration. */
	private final String action;

	/** Whether the startup report may show the configured value. */
	private final boolean configuredValueShown;

	/**
	 * Create a new exception.
	 * @param property the property at fault, for example {@code skyvern.api-key}
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public SkyvernConfigurationException(String property, String problem, String action) {
		this(property, problem, action, false);
	}

	/**
	 * Create a new exception whose startup report also shows the property's value as configured
	 * ({@code -5m}, not {@code PT-5M}); only for properties that hold no secret.
	 * @param property the property at fault
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 * @param configuredValueShown whether the report may show the configured value
	 */
	SkyvernConfigurationException(String property, String problem, String action, boolean configuredValueShown) {
		super("Invalid Skyvern configuration: " + problem + " (" + property + ")");
		this.property = property;
		this.action = action;
		this.configuredValueShown = configuredValueShown;
	}

	/**
	 * Return the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return how to fix the configuration.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	boolean isConfiguredValueShown() {
		return this.configuredValueShown;
	}

}
