package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import io.github.skyvernstarter.client.HttpUrls;
import org.jspecify.annotations.Nullable;

/**
 * The checks every {@code skyvern.*} and {@code management.health.skyvern.*} value goes through when
 * its properties are bound, each failing with a {@link SkyvernConfigurationException} that names the
 * property and the fix.
 */
final class SkyvernPropertyChecks {

	private SkyvernPropertyChecks() {
	}

	/**
	 * Fail unless a duration is positive; the startup report shows the value as configured.
	 * @param property the property
	 * @param value its bound value
	 * @throws SkyvernConfigurationException if the value is missing, zero or negative
	 */
	static void requirePositive(String property, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new SkyvernConfigurationException(property, "the duration is not positive",
					"Set " + property + " to a positive duration such as 10s or 500ms, or remove it to use the "
							+ "default.",
					true);
		}
	}

	/**
	 * Fail unless a number is at least the given minimum.
	 * @param property the property
	 * @param value its bound value
	 * @param minimum the smallest value accepted
	 * @param problem what is wrong, for the report
	 * @param action how to fix it
	 * @throws SkyvernConfigurationException if the value is smaller
	 */
	static void requireAtLeast(String property, double value, double minimum, String problem, String action) {
		if (value < minimum) {
			throw new SkyvernConfigurationException(property, problem, action);
		}
	}

	/**
	 * Fail unless a URL is an absolute http(s) URL with a host, as {@link HttpUrls} checks it.
	 * @param property the property
	 * @param name what the URL is, for the report, for example {@code the Skyvern base URL}
	 * @param url its bound value
	 * @param action how to fix it
	 * @return the URL without surrounding whitespace
	 * @throws SkyvernConfigurationException if the URL is blank or not an absolute http(s) URL
	 */
	static String requireHttpUrl(String property, String name, @Nullable String url, String action) {
		String problem = HttpUrls.problem(url);
		if (url == null || url.isBlank()) {
			throw new SkyvernConfigurationException(property, name + " " + problem, action);
		}
		if (problem != null) {
			throw new SkyvernConfigurationException(property, name + " '" + url.strip() + "' " + problem, action);
		}
		return url.strip();
	}

}
