package io.github.skyvernstarter.model;

import java.util.regex.Pattern;

/**
 * Skyvern's rules for run tags: the {@code run_metadata} entries of a workflow run start become the
 * run's tags, and {@code tags} terms filter run listings by them.
 * <p>
 * Skyvern drops some entries silently (blank ones, keys starting {@code skyvern}) and stores others
 * that no filter can match (keys outside {@code ^[A-Za-z0-9][A-Za-z0-9_.-]*$}, values with a comma,
 * which separates filter terms): these rules refuse both, so that an entry that is sent can be found.
 *
 * @since 0.1.0
 */
public final class RunTags {

	/** The most tags (and {@code run_metadata} entries) a run holds, and the most terms of a filter. */
	public static final int MAX_ENTRIES = 20;

	/** The longest key Skyvern stores. */
	public static final int MAX_KEY_LENGTH = 64;

	/** The longest value Skyvern stores. */
	public static final int MAX_VALUE_LENGTH = 256;

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

	private static final String RESERVED_PREFIX = "skyvern";

	private RunTags() {
	}

	/**
	 * Check a tag key: 1 to 64 characters matching {@code ^[A-Za-z0-9][A-Za-z0-9_.-]*$}, not starting
	 * with {@code skyvern} (reserved by Skyvern, whatever the case).
	 * @param key the key
	 * @return the key
	 * @throws IllegalArgumentException if Skyvern would drop the key or no filter could match it
	 */
	public static String checkKey(String key) {
		if (key == null || key.length() > MAX_KEY_LENGTH || !KEY.matcher(key).matches()) {
			throw new IllegalArgumentException("Run tag key '" + key + "' must be 1 to " + MAX_KEY_LENGTH
					+ " characters matching ^[A-Za-z0-9][A-Za-z0-9_.-]*$");
		}
		if (key.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
			throw new IllegalArgumentException(
					"Run tag key '" + key + "' must not start with '" + RESERVED_PREFIX + "' (reserved by Skyvern)");
		}
		return key;
	}

	/**
	 * Check a tag value: 1 to 256 characters, no comma, no blank at either end (Skyvern trims).
	 * @param value the value
	 * @return the value
	 * @throws IllegalArgumentException if Skyvern would drop or change the value, or no filter could
	 * match it
	 */
	public static String checkValue(String value) {
		if (value == null || value.isBlank() || value.length() > MAX_VALUE_LENGTH || !value.strip().equals(value)) {
			throw new IllegalArgumentException("Run tag value '" + value + "' must be 1 to " + MAX_VALUE_LENGTH
					+ " characters without blanks at either end");
		}
		if (value.indexOf(',') >= 0) {
			throw new IllegalArgumentException("Run tag value '" + value + "' must not contain a comma");
		}
		return value;
	}

	/**
	 * Whether an entry can be stored as a tag and found again by a filter.
	 * @param key the key
	 * @param value the value
	 * @return {@code true} if both pass {@link #checkKey(String)} and {@link #checkValue(String)}
	 */
	public static boolean isMatchable(String key, String value) {
		try {
			checkKey(key);
			checkValue(value);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Return the filter term for runs tagged {@code key} with {@code value}: {@code key:value}.
	 * @param key the key
	 * @param value the value
	 * @return the term
	 * @throws IllegalArgumentException if the key or value breaks the rules
	 */
	public static String term(String key, String value) {
		return checkKey(key) + ":" + checkValue(value);
	}

	/**
	 * Return the filter term for runs tagged {@code key} with any value: {@code key:*}.
	 * @param key the key
	 * @return the term
	 * @throws IllegalArgumentException if the key breaks the rules
	 */
	public static String anyValue(String key) {
		return checkKey(key) + ":*";
	}

	/**
	 * Return the filter term for runs with a tag of this value under any key or none: the label itself.
	 * @param label the label
	 * @return the term
	 * @throws IllegalArgumentException if the label breaks the value rules or holds a colon
	 */
	public static String label(String label) {
		if (checkValue(label).indexOf(':') >= 0) {
			throw new IllegalArgumentException("Run tag label '" + label + "' must not contain a colon");
		}
		return label;
	}

	/**
	 * Parse a {@code key:value} term (split at the first colon, as Skyvern does) and check it.
	 * @param term the term, for example {@code tenant:acme}
	 * @return the checked term
	 * @throws IllegalArgumentException if the term has no colon or breaks the rules
	 */
	public static String parse(String term) {
		int colon = (term != null) ? term.indexOf(':') : -1;
		if (colon < 0) {
			throw new IllegalArgumentException("Run tag filter '" + term + "' must be key:value");
		}
		String value = term.substring(colon + 1);
		return "*".equals(value) ? anyValue(term.substring(0, colon)) : term(term.substring(0, colon), value);
	}

}
