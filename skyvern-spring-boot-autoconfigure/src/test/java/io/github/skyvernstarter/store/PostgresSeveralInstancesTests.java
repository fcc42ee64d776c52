package io.github.skyvernstarter.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances sharing the JDBC store on PostgreSQL (127.0.0.1:5432, database {@code test}). The
 * safety-net poll runs once a minute, so a wait that finishes within seconds of a webhook reaching
 * another instance was woken by {@code LISTEN/NOTIFY}.
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

	@Override
	Map<String, Object> storeProperties(int port) {
		Map<String, Object> properties = super.storeProperties(port);
		properties.put("skyvern.store.jdbc.listen-notify-poll-interval", "1m");
		return properties;
	}

	@Test
	void waitFinishesByNotificationLongBeforeTheSafetyNetPoll() {
		String runId = newRunId();
		CompletableFuture<SkyvernRun> waited = startWait(this.instances.get(0), runId);
		assertThat(deliver(2, runId)).isEqualTo(200);
		await().atMost(Duration.ofSeconds(5)).until(waited::isDone);
		assertThat(waited.join().runId()).isEqualTo(runId);
		assertThat(this.skyvern.findAll(getRequestedFor(urlEqualTo("/v1/runs/" + runId)))).isEmpty();
	}

	@Test
	void instanceWithListenNotifyOffHoldsNoListenConnectionAndItsWaitsPoll() throws Exception {
		ConfigurableApplicationContext off = start(Map.of("skyvern.store.jdbc.listen-notify", "false",
				"spring.datasource.hikari.data-source-properties.ApplicationName", "skyvern-listen-off"));
		ConfigurableApplicationContext on = start(
				Map.of("spring.datasource.hikari.data-source-properties.ApplicationName", "skyvern-listen-on"));
		try {
			String offRun = newRunId();
			CompletableFuture<SkyvernRun> offWait = startWait(off, offRun);
			String onRun = newRunId();
			CompletableFuture<SkyvernRun> onWait = startWait(on, onRun);
			// The query that finds the instance that listens finds none for the other.
			await().atMost(Duration.ofSeconds(10)).until(() -> listening("skyvern-listen-on") == 1);
			assertThat(listening("skyvern-listen-off")).isZero();
			assertThat(deliver(2, offRun)).isEqualTo(200);
			assertThat(deliver(2, onRun)).isEqualTo(200);
			await().atMost(Duration.ofSeconds(5)).until(() -> offWait.isDone() && onWait.isDone());
			assertThat(offWait.join().runId()).isEqualTo(offRun);
			assertThat(onWait.join().runId()).isEqualTo(onRun);
		}
		finally {
			off.close();
			on.close();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> listening("skyvern-listen-on") == 0);
	}

	/** The backends of an application name that listen on this test's channel. */
	private int listening(String applicationName) throws Exception {
		try (Connection connection = DriverManager.getConnection(url(storePort()), username(), "");
				PreparedStatement statement = connection.prepareStatement(
						"SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = ? AND query = ?")) {
			statement.setString(1, applicationName);
			statement.setString(2, "LISTEN \"" + this.prefix.toLowerCase(java.util.Locale.ROOT) + "finished\"");
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

}
