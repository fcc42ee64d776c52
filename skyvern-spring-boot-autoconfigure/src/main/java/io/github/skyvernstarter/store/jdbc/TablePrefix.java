package io.github.skyvernstarter.store.jdbc;

import java.util.regex.Pattern;

/**
 * The rule for the store's table prefix. Kept apart from {@link JdbcStoreSchema}, which needs
 * spring-jdbc: the configuration properties check the prefix in every application, with or without it.
 *
 * @since 0.1.0
 */
public final class TablePrefix {

	private static final Pattern PREFIX = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

	private TablePrefix() {
	}

	/**
	 * Return whether a table prefix is letters, digits and underscores, optionally after a schema
	 * name and a dot, for example {@code SKYVERN_} or {@code app.SKYVERN_}.
	 * @param prefix the prefix
	 * @return whether it is valid
	 */
	public static boolean isValid(String prefix) {
		return PREFIX.matcher(prefix).matches();
	}

}
