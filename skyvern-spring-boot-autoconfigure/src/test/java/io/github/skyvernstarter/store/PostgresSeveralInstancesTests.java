package io.github.skyvernstarter.store;

/**
 * Three instances sharing the JDBC store on PostgreSQL (127.0.0.1:5432, database {@code test}).
 */
@RequiresService(RequiresService.Service.POSTGRESQL)
class PostgresSeveralInstancesTests extends AbstractJdbcSeveralInstancesTests {

	@Override
	int storePort() {
		return RequiresService.Service.POSTGRESQL.port;
	}

	@Override
	String url(int port) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/test?connectTimeout=2&socketTimeout=10";
	}

	@Override
	String username() {
		return "postgres";
	}

}
