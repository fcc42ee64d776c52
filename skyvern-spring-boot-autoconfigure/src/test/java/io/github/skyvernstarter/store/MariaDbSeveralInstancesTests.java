package io.github.skyvernstarter.store;

/**
 * Three instances sharing the JDBC store on MariaDB (127.0.0.1:3306, database {@code test}).
 */
@RequiresService(RequiresService.Service.MARIADB)
class MariaDbSeveralInstancesTests extends AbstractJdbcSeveralInstancesTests {

	@Override
	int storePort() {
		return RequiresService.Service.MARIADB.port;
	}

	@Override
	String url(int port) {
		return "jdbc:mariadb://127.0.0.1:" + port + "/test?connectTimeout=2000&socketTimeout=10000";
	}

	@Override
	String username() {
		return "root";
	}

}
