package io.github.skyvernstarter.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.store.PeriodicTask;
import io.github.skyvernstarter.store.SignalledRuns;
import io.github.skyvernstarter.store.SkyvernRunFinishedSignals;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SkyvernRunFinishedSignals} in a table of finished runs: the instance that receives a run's
 * webhook inserts the run as JSON, and at each interval, while this instance waits for runs, one
 * query asks which of them are there; rows are deleted once expired by {@link #deleteExpired()}. On
 * PostgreSQL, with {@link PostgresRunNotifications}, the insert also sends the run id with
 * {@code pg_notify} in the same statement, waits are woken by it at once, and the query at each
 * (longer) interval is a safety net for notifications lost while a connection was down.
 *
 * @since 0.1.0
 */
public final class JdbcRunFinishedSignals implements SkyvernRunFinishedSignals {

	/** The most run ids asked for in one statement. */
	static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final String table;

	private final Duration interval;

	private final Duration ttl;

	private final Clock clock;

	private final @Nullable PostgresRunNotifications notifications;

	private @Nullable PeriodicTask task;

	/**
	 * Create signals.
	 * @param jdbc the database
	 * @param schema the table names
	 * @param interval the time between two queries
	 * @param ttl how long a finished run is kept for waits that start late
	 * @param clock the clock of expiry times
	 */
	public JdbcRunFinishedSignals(JdbcClient jdbc, JdbcStoreSchema schema, Duration interval, Duration ttl,
			Clock clock) {
		this(jdbc, schema, interval, ttl, clock, null);
	}

	/**
	 * Create signals that also notify and listen on PostgreSQL.
	 * @param jdbc the database
	 * @param schema the table names
	 * @param interval the time between two queries, a safety net when notifications are used
	 * @param ttl how long a finished run is kept for waits that start late
	 * @param clock the clock of expiry times
	 * @param notifications the notifications on PostgreSQL, or {@code null} to query only
	 */
	public JdbcRunFinishedSignals(JdbcClient jdbc, JdbcStoreSchema schema, Duration interval, Duration ttl,
			Clock clock, @Nullable PostgresRunNotifications notifications) {
		this.jdbc = jdbc;
		this.table = schema.finished();
		this.interval = interval;
		this.ttl = ttl;
		this.clock = clock;
		this.notifications = notifications;
	}

	@Override
	public void publish(SkyvernRun run) {
		String json = SignalledRuns.toJson(run);
		String insert = "INSERT INTO " + this.table + " (RUN_ID, RUN_JSON, EXPIRES_AT) VALUES (?, ?, ?)";
		long expiresAt = this.clock.millis() + this.ttl.toMillis();
		try {
			if (this.notifications != null) {
				// One statement: the notification leaves at commit, when the row is there to be read.
				this.jdbc.sql("WITH INSERTED AS (" + insert + " RETURNING RUN_ID) "
						+ "SELECT COUNT(pg_notify(?, RUN_ID)) FROM INSERTED")
					.params(run.runId(), (json != null) ? json : "", expiresAt, this.notifications.channel())
					.query(Long.class)
					.single();
			}
			else {
				this.jdbc.sql(insert).params(run.runId(), (json != null) ? json : "", expiresAt).update();
			}
		}
		catch (DuplicateKeyException ex) {
			// Signalled already, by an earlier status or the reconciler.
		}
	}

	/**
	 * Delete the finished runs kept longer than their time to live.
	 * @return how many rows were deleted
	 */
	public int deleteExpired() {
		return this.jdbc.sql("DELETE FROM " + this.table + " WHERE EXPIRES_AT < ?").param(this.clock.millis()).update();
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.task == null) {
			this.task = new PeriodicTask("skyvern-store-signals", this.interval, () -> poll(listener));
			this.task.start();
			if (this.notifications != null) {
				this.notifications.start(listener::waitedRunIds, (runIds) -> read(runIds, listener));
			}
		}
	}

	@Override
	public void watch(String runId) {
		if (this.notifications != null) {
			this.notifications.watch(runId);
		}
	}

	/**
	 * Ask once which waited runs finished, and tell the listener.
	 * @param listener the listener
	 */
	void poll(Listener listener) {
		read(listener.waitedRunIds(), listener);
	}

	/**
	 * Read which of the given runs finished, in batches, and tell the listener.
	 * @param runIds the runs
	 * @param listener the listener
	 */
	void read(Collection<String> runIds, Listener listener) {
		List<String> waited = new ArrayList<>(runIds);
		for (int from = 0; from < waited.size(); from += BATCH) {
			List<String> batch = waited.subList(from, Math.min(waited.size(), from + BATCH));
			String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
			this.jdbc.sql("SELECT RUN_ID, RUN_JSON FROM " + this.table + " WHERE RUN_ID IN (" + marks + ")")
				.params(batch)
				.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2) })
				.list()
				.forEach((found) -> listener.finished(found[0], SignalledRuns.fromJson(found[1])));
		}
	}

	@Override
	public synchronized void stop() {
		if (this.task != null) {
			this.task.stop();
			this.task = null;
			if (this.notifications != null) {
				this.notifications.stop();
			}
		}
	}

}
