package io.github.skyvernstarter.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.store.jdbc.JdbcRunFinishedSignals;
import io.github.skyvernstarter.store.jdbc.JdbcStoreSchema;
import io.github.skyvernstarter.store.jdbc.PostgresRunNotifications;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link JdbcRunFinishedSignals} with {@link PostgresRunNotifications} on PostgreSQL (127.0.0.1:5432,
 * database {@code test}), the safety-net poll set to a minute: what wakes a wait within seconds is a
 * notification. Each test has tables and a channel of its own.
 */
@RequiresService(RequiresService.Service.POSTGRESQL)
class PostgresRunNotificationsTests {

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=2&socketTimeout=10";

	private final String prefix = "SKYN" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
		.toUpperCase(Locale.ROOT) + "_";

	private final SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(), URL, "postgres", "");

	private final JdbcStoreSchema schema = new JdbcStoreSchema(this.prefix);

	private final String channel = PostgresRunNotifications.channel(this.schema);

	private final RecordingListener listener = new RecordingListener();

	private JdbcRunFinishedSignals signals;

	@BeforeEach
	void createStore() {
		this.schema.create(this.dataSource);
		this.signals = new JdbcRunFinishedSignals(JdbcClient.create(this.dataSource), this.schema, Duration.ofMinutes(1),
				Duration.ofMinutes(10), Clock.systemUTC(), new PostgresRunNotifications(this.dataSource, this.channel));
	}

	@AfterEach
	void dropStore() throws Exception {
		this.signals.stop();
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			for (String table : new String[] { "DELIVERY", "RUN", "LEASE", "FINISHED" }) {
				statement.execute("DROP TABLE IF EXISTS " + this.prefix + table);
			}
		}
	}

	@Test
	void channelIsTheFinishedTableInLowerCase() {
		assertThat(this.channel).isEqualTo(this.prefix.toLowerCase(Locale.ROOT) + "finished");
		assertThat(PostgresRunNotifications.channel(new JdbcStoreSchema("app.SKYVERN_"))).isEqualTo("app_skyvern_finished");
		String longer = PostgresRunNotifications.channel(new JdbcStoreSchema("A".repeat(80) + "_"));
		assertThat(longer).hasSize(63).startsWith("aaaa");
	}

	@Test
	void publishedRunWakesTheWaitThroughTheNotification() {
		String runId = AbstractSeveralInstancesTests.newRunId();
		this.listener.waited.add(runId);
		this.signals.start(this.listener);
		await().atMost(Duration.ofSeconds(10)).until(() -> listeningPids().size() == 1);
		this.signals.publish(run(runId));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listener.finished.contains(runId));
	}

	@Test
	void noConnectionIsHeldWhileNothingIsWaitedFor() {
		this.signals.start(this.listener);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> listeningPids().isEmpty());
		String runId = AbstractSeveralInstancesTests.newRunId();
		this.listener.waited.add(runId);
		this.signals.watch(runId);
		await().atMost(Duration.ofSeconds(10)).until(() -> listeningPids().size() == 1);
	}

	@Test
	void runFinishedJustBeforeItsWaitStartedIsFoundWhenTheWaitIsWatched() {
		String early = AbstractSeveralInstancesTests.newRunId();
		String other = AbstractSeveralInstancesTests.newRunId();
		this.listener.waited.add(other);
		this.signals.start(this.listener);
		await().atMost(Duration.ofSeconds(10)).until(() -> listeningPids().size() == 1);
		// Notified while nobody here waited for it: the notification is dropped.
		this.signals.publish(run(early));
		this.listener.waited.add(early);
		this.signals.watch(early);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listener.finished.contains(early));
	}

	@Test
	void waitIsWokenAfterTheListeningBackendWasKilled() throws Exception {
		String runId = AbstractSeveralInstancesTests.newRunId();
		this.listener.waited.add(runId);
		this.signals.start(this.listener);
		await().atMost(Duration.ofSeconds(10)).until(() -> listeningPids().size() == 1);
		List<Integer> killed = listeningPids();
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
			statement.setInt(1, killed.get(0));
			statement.execute();
		}
		// Listening again on another backend (the first retry is after a second), then notified there.
		await().atMost(Duration.ofSeconds(10))
			.until(() -> listeningPids().size() == 1 && !listeningPids().equals(killed));
		this.signals.publish(run(runId));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.listener.finished.contains(runId));
	}

	@Test
	void stopEndsTheListeningThreadAndClosesItsConnection() {
		this.listener.waited.add(AbstractSeveralInstancesTests.newRunId());
		this.signals.start(this.listener);
		await().atMost(Duration.ofSeconds(10)).until(() -> listeningPids().size() == 1);
		assertThat(listeningThreads()).hasSize(1);
		this.signals.stop();
		assertThat(listeningThreads()).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> listeningPids().isEmpty());
	}

	private List<Thread> listeningThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("skyvern-store-listen-" + this.channel) && thread.isAlive())
			.toList();
	}

	/** The backends that listen on this test's channel, by their last statement. */
	private List<Integer> listeningPids() throws Exception {
		try (Connection connection = DriverManager.getConnection(URL, "postgres", "");
				PreparedStatement statement = connection
					.prepareStatement("SELECT pid FROM pg_stat_activity WHERE query = ? ORDER BY pid")) {
			statement.setString(1, "LISTEN \"" + this.channel + "\"");
			List<Integer> pids = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					pids.add(rows.getInt(1));
				}
			}
			return pids;
		}
	}

	private static SkyvernRun run(String runId) {
		return SkyvernJson.mapper().readValue(AbstractSeveralInstancesTests.run(runId, "completed"), SkyvernRun.class);
	}

	static class RecordingListener implements SkyvernRunFinishedSignals.Listener {

		final Set<String> waited = java.util.concurrent.ConcurrentHashMap.newKeySet();

		final Set<String> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();

		@Override
		public Set<String> waitedRunIds() {
			return Set.copyOf(this.waited);
		}

		@Override
		public void finished(String runId, @Nullable SkyvernRun run) {
			if (run != null && run.runId().equals(runId)) {
				this.finished.add(runId);
			}
		}

	}

}
