package io.github.skyvernstarter.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Three instances on one database server, reached through a proxy that a test can cut; the tables
 * carry this run's prefix and are dropped afterwards.
 */
abstract class AbstractJdbcSeveralInstancesTests extends AbstractSeveralInstancesTests {

	/** The JDBC URL of the database on the given port. */
	abstract String url(int port);

	abstract String username();

	@Override
	Map<String, Object> storeProperties(int port) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("skyvern.store.type", "jdbc");
		properties.put("skyvern.store.jdbc.initialize-schema", "always");
		properties.put("skyvern.store.jdbc.table-prefix", this.prefix);
		properties.put("spring.datasource.url", url(port));
		properties.put("spring.datasource.username", username());
		properties.put("spring.datasource.password", "");
		properties.put("spring.datasource.hikari.maximum-pool-size", "8");
		properties.put("spring.datasource.hikari.connection-timeout", "1000");
		properties.put("spring.datasource.hikari.validation-timeout", "500");
		return properties;
	}

	@Override
	void dropStore() throws Exception {
		try (Connection connection = DriverManager.getConnection(url(storePort()), username(), "");
				Statement statement = connection.createStatement()) {
			for (String table : new String[] { "DELIVERY", "RUN", "LEASE", "FINISHED" }) {
				statement.execute("DROP TABLE IF EXISTS " + this.prefix + table);
			}
		}
	}

}
