package io.github.skyvernstarter.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The tables of the JDBC store, named with a prefix, and the script that creates them on each
 * supported database ({@code META-INF/skyvern/schema-<database>.sql}), run the way Spring Session JDBC
 * runs its own: on embedded databases only, always, or never.
 *
 * @since 0.1.0
 */
public final class JdbcStoreSchema {

	/** The default prefix of the table names. */
	public static final String DEFAULT_PREFIX = "SKYVERN_";

	private final String prefix;

	/**
	 * Create the schema of tables with the given prefix.
	 * @param prefix the prefix, letters, digits and underscores, optionally after a schema name and a
	 * dot, for example {@code SKYVERN_} or {@code app.SKYVERN_}
	 */
	public JdbcStoreSchema(String prefix) {
		if (!TablePrefix.isValid(prefix)) {
			throw new IllegalArgumentException("Table prefix '" + prefix
					+ "' is not letters, digits and underscores (optionally after a schema name and a dot)");
		}
		this.prefix = prefix;
	}

	/**
	 * Return the table of deliveries.
	 * @return its name
	 */
	public String deliveries() {
		return this.prefix + "DELIVERY";
	}

	/**
	 * Return the table of runs in flight.
	 * @return its name
	 */
	public String runs() {
		return this.prefix + "RUN";
	}

	/**
	 * Return the table of finished runs, for waits on other instances.
	 * @return its name
	 */
	public String finished() {
		return this.prefix + "FINISHED";
	}

	/**
	 * Return the table of leases.
	 * @return its name
	 */
	public String leases() {
		return this.prefix + "LEASE";
	}

	/**
	 * Create the tables unless they exist.
	 * @param dataSource the database
	 * @throws IllegalStateException if no script is shipped for the database
	 */
	public void create(DataSource dataSource) {
		String database = database(dataSource);
		String location = "/META-INF/skyvern/schema-" + database + ".sql";
		try (InputStream in = JdbcStoreSchema.class.getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalStateException("No Skyvern store schema for the database '" + database
						+ "': create the tables yourself (see " + location.replace(database, "postgresql")
						+ ") and set skyvern.store.jdbc.initialize-schema=never");
			}
			String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${prefix}", this.prefix);
			new ResourceDatabasePopulator(new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8)))
				.execute(dataSource);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + location, ex);
		}
	}

	/**
	 * Whether a database lives in this JVM (H2, HSQLDB, Derby), where the default
	 * {@code initialize-schema=embedded} creates the tables.
	 * @param dataSource the database
	 * @return whether it is embedded
	 */
	public static boolean isEmbedded(DataSource dataSource) {
		try {
			String database = database(dataSource);
			return database.equals("h2") || database.equals("hsql") || database.equals("derby");
		}
		catch (IllegalStateException ex) {
			// A database that cannot be reached at startup is not an embedded one: the application starts,
			// and deliveries are answered 503 until the database is back.
			return false;
		}
	}

	/**
	 * Return the script name of a database: {@code postgresql}, {@code mariadb} (also MySQL),
	 * {@code h2}, or its product name in lower case.
	 */
	static String database(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			String name = (product != null) ? product.toLowerCase(Locale.ROOT) : "unknown";
			if (name.contains("postgres")) {
				return "postgresql";
			}
			if (name.contains("mariadb") || name.contains("mysql")) {
				return "mariadb";
			}
			if (name.contains("hsql")) {
				return "hsql";
			}
			if (name.contains("derby")) {
				return "derby";
			}
			return name.contains("h2") ? "h2" : name.replaceAll("[^a-z0-9]", "");
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot tell which database the Skyvern store uses", ex);
		}
	}

}
