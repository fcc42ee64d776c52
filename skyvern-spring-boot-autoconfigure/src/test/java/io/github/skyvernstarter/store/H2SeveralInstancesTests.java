package io.github.skyvernstarter.store;

import java.util.Map;

/**
 * Three instances on one embedded H2 database (shared because they run in one JVM), its tables
 * created by the default {@code initialize-schema=embedded}.
 */
class H2SeveralInstancesTests extends AbstractSeveralInstancesTests {

	@Override
	int storePort() {
		return 0;
	}

	@Override
	Map<String, Object> storeProperties(int port) {
		return Map.of("skyvern.store.type", "jdbc", "spring.datasource.url",
				"jdbc:h2:mem:" + this.prefix + ";DB_CLOSE_DELAY=-1", "skyvern.store.jdbc.table-prefix", this.prefix);
	}

	@Override
	void dropStore() {
	}

}
