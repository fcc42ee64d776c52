package io.github.skyvernstarter.model;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where the run's browser traffic leaves from: a named location such as {@code RESIDENTIAL} or a
 * geographic target.
 *
 * @since 0.1.0
 */
public sealed interface ProxyLocation permits ProxyLocation.Named, ProxyLocation.Geo {

	/** Residential proxies in the United States (Skyvern's default). */
	Named RESIDENTIAL = new Named("RESIDENTIAL");

	/** Residential ISP proxies. */
	Named RESIDENTIAL_ISP = new Named("RESIDENTIAL_ISP");

	/** No proxy. */
	Named NONE = new Named("NONE");

	/**
	 * A named location from Skyvern's {@code ProxyLocation} list, for example
	 * {@code RESIDENTIAL_DE}.
	 * @param name the location's name
	 * @return the location
	 */
	static Named named(String name) {
		return new Named(name);
	}

	/**
	 * A geographic target.
	 * @param country ISO 3166-1 alpha-2 country code, for example {@code DE}
	 * @param subdivision ISO 3166-2 subdivision code, or {@code null}
	 * @param city city name, or {@code null}
	 * @return the location
	 */
	static Geo geo(String country, @Nullable String subdivision, @Nullable String city) {
		return new Geo(country, subdivision, city);
	}

	/**
	 * A named location, written as a JSON string.
	 *
	 * @param name the location's name
	 */
	record Named(@JsonValue String name) implements ProxyLocation {

		/**
		 * Create a named location.
		 * @param name the location's name
		 * @throws IllegalArgumentException if the name is blank
		 */
		public Named {
			if (name == null || name.isBlank()) {
				throw new IllegalArgumentException("Proxy location name must not be blank");
			}
		}

	}

	/**
	 * A geographic target, written as {@code {"country": ..., "subdivision": ..., "city": ...}}.
	 *
	 * @param country ISO 3166-1 alpha-2 country code
	 * @param subdivision ISO 3166-2 subdivision code (at most 10 characters), or {@code null}
	 * @param city city name (at most 100 characters), or {@code null}
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Geo(String country, @Nullable String subdivision, @Nullable String city) implements ProxyLocation {

		/**
		 * Create a geographic target.
		 * @param country ISO 3166-1 alpha-2 country code
		 * @param subdivision ISO 3166-2 subdivision code (at most 10 characters), or {@code null}
		 * @param city city name (at most 100 characters), or {@code null}
		 * @throws IllegalArgumentException if the country is blank, or the subdivision or city is too long
		 */
		public Geo {
			if (country == null || country.isBlank()) {
				throw new IllegalArgumentException("Proxy geo target needs a country");
			}
			if (subdivision != null && subdivision.length() > 10) {
				throw new IllegalArgumentException("Proxy subdivision must be at most 10 characters");
			}
			if (city != null && city.length() > 100) {
				throw new IllegalArgumentException("Proxy city must be at most 100 characters");
			}
		}

	}

}
