package io.github.skyvernstarter.autoconfigure;

/**
 * A {@code skyvern.*} property is missing or invalid; reported at startup by
 * {@link SkyvernConfigurationFailureAnalyzer}.
 */
public class SkyvernConfigurationException extends RuntimeException {

	private final String property;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the property at fault, for example {@code skyvern.api-key}
	 * @param problem what is wrong with it
	 * @param action how to fix it
	 */
	public SkyvernConfigurationException(String property, String problem, String action) {
		super("Invalid Skyvern configuration: " + problem + " (" + property + ")");
		this.property = property;
		this.action = action;
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

}
