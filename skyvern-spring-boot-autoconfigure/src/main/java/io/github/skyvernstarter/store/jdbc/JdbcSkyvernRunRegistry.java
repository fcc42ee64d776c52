package io.github.skyvernstarter.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.skyvernstarter.store.SkyvernRunRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SkyvernRunRegistry} in database tables that every instance shares; a lease is a row that
 * its owner renews and anyone takes over once it lapsed.
 *
 * @since 0.1.0
 */
public final class JdbcSkyvernRunRegistry implements SkyvernRunRegistry {

	private final JdbcClient jdbc;

	private final JdbcStoreSchema schema;

	private final Clock clock;

	/**
	 * Create a registry.
	 * @param jdbc the database
	 * @param schema the table names
	 * @param clock the clock of leases
	 */
	public JdbcSkyvernRunRegistry(JdbcClient jdbc, JdbcStoreSchema schema, Clock clock) {
		this.jdbc = jdbc;
		this.schema = schema;
		this.clock = clock;
	}

	@Override
	public void register(String runId, Instant startedAt) {
		try {
			this.jdbc.sql("INSERT INTO " + this.schema.runs() + " (RUN_ID, STARTED_AT) VALUES (?, ?)")
				.params(runId, startedAt.toEpochMilli())
				.update();
		}
		catch (DuplicateKeyException ex) {
			// Recorded already.
		}
	}

	@Override
	public void remove(String runId) {
		this.jdbc.sql("DELETE FROM " + this.schema.runs() + " WHERE RUN_ID = ?").param(runId).update();
	}

	@Override
	public List<InFlightRun> inFlight(Instant startedBefore, int limit) {
		return this.jdbc
			.sql("SELECT RUN_ID, STARTED_AT FROM " + this.schema.runs() + " WHERE STARTED_AT <= ? ORDER BY STARTED_AT")
			.param(startedBefore.toEpochMilli())
			.withMaxRows(limit)
			.query((rs, row) -> new InFlightRun(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2))))
			.list();
	}

	@Override
	public boolean tryLease(String name, String owner, Duration duration) {
		long now = this.clock.millis();
		long expiresAt = now + duration.toMillis();
		int taken = this.jdbc
			.sql("UPDATE " + this.schema.leases()
					+ " SET OWNER = ?, EXPIRES_AT = ? WHERE NAME = ? AND (OWNER = ? OR EXPIRES_AT <= ?)")
			.params(owner, expiresAt, name, owner, now)
			.update();
		if (taken == 1) {
			return true;
		}
		// Looked for first, so that the instances that do not hold the lease cause no duplicate-key error
		// (which some drivers log) at every interval.
		boolean held = this.jdbc.sql("SELECT COUNT(*) FROM " + this.schema.leases() + " WHERE NAME = ?")
			.param(name)
			.query(Integer.class)
			.single() > 0;
		if (held) {
			return false;
		}
		try {
			this.jdbc.sql("INSERT INTO " + this.schema.leases() + " (NAME, OWNER, EXPIRES_AT) VALUES (?, ?, ?)")
				.params(name, owner, expiresAt)
				.update();
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

}
