package io.github.skyvernstarter.store.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.webhook.InMemorySkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SkyvernWebhookIdempotencyStore} in a database table that every instance shares: a claim is
 * an insert (or the takeover of an expired or released row) and carries a lease, so an instance that
 * dies mid-delivery blocks the run's redelivery only until the lease ends; processed deliveries are
 * remembered for the duplicate window and then deleted by {@link #deleteExpired()}.
 * <p>
 * A first delivery costs one statement to claim and one to mark; a duplicate three at most.
 *
 * @since 0.1.0
 */
public final class JdbcSkyvernWebhookIdempotencyStore implements SkyvernWebhookIdempotencyStore {

	private static final String CLAIMED = "C";

	private static final String PROCESSED = "P";

	private static final String RELEASED = "R";

	private final JdbcClient jdbc;

	private final String table;

	private final Duration lease;

	private final Duration window;

	private final Clock clock;

	// This instance's claims, so that it only ever releases its own.
	private final Map<DeliveryKey, String> owners = new ConcurrentHashMap<>();

	/**
	 * Create a store.
	 * @param jdbc the database
	 * @param schema the table names
	 * @param lease how long a claim blocks other deliveries of the same run and status
	 * @param window how long a processed delivery is remembered
	 * @param clock the clock of leases and windows
	 */
	public JdbcSkyvernWebhookIdempotencyStore(JdbcClient jdbc, JdbcStoreSchema schema, Duration lease, Duration window,
			Clock clock) {
		this.jdbc = jdbc;
		this.table = schema.deliveries();
		this.lease = lease;
		this.window = window;
		this.clock = clock;
	}

	@Override
	public Claim claim(DeliveryKey key) {
		if (key.runId().length() + key.status().length() > InMemorySkyvernWebhookIdempotencyStore.MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("A delivery key is longer than "
					+ InMemorySkyvernWebhookIdempotencyStore.MAX_KEY_LENGTH + " characters");
		}
		long now = this.clock.millis();
		String owner = UUID.randomUUID().toString();
		long expiresAt = now + this.lease.toMillis();
		try {
			this.jdbc.sql("INSERT INTO " + this.table
					+ " (DELIVERY_KEY, RUN_ID, STATE, OWNER, EXPIRES_AT) VALUES (?, ?, ?, ?, ?)")
				.params(key.asString(), key.runId(), CLAIMED, owner, expiresAt)
				.update();
			return claimed(key, owner);
		}
		catch (DuplicateKeyException ex) {
			// Another delivery of the same run and status has a row: take it over only if it lapsed.
		}
		int taken = this.jdbc.sql("UPDATE " + this.table
				+ " SET STATE = ?, OWNER = ?, EXPIRES_AT = ? WHERE DELIVERY_KEY = ? AND (STATE = ? OR EXPIRES_AT <= ?)")
			.params(CLAIMED, owner, expiresAt, key.asString(), RELEASED, now)
			.update();
		if (taken == 1) {
			return claimed(key, owner);
		}
		String state = this.jdbc.sql("SELECT STATE FROM " + this.table + " WHERE DELIVERY_KEY = ?")
			.param(key.asString())
			.query(String.class)
			.optional()
			.orElse(CLAIMED);
		return PROCESSED.equals(state) ? Claim.ALREADY_PROCESSED : Claim.IN_PROGRESS;
	}

	private Claim claimed(DeliveryKey key, String owner) {
		this.owners.put(key, owner);
		return Claim.CLAIMED;
	}

	@Override
	public void markProcessed(DeliveryKey key) {
		this.owners.remove(key);
		long expiresAt = this.clock.millis() + this.window.toMillis();
		int updated = this.jdbc
			.sql("UPDATE " + this.table + " SET STATE = ?, EXPIRES_AT = ? WHERE DELIVERY_KEY = ?")
			.params(PROCESSED, expiresAt, key.asString())
			.update();
		if (updated == 0) {
			// The row was deleted after its lease lapsed: the event was published all the same.
			try {
				this.jdbc.sql("INSERT INTO " + this.table
						+ " (DELIVERY_KEY, RUN_ID, STATE, OWNER, EXPIRES_AT) VALUES (?, ?, ?, ?, ?)")
					.params(key.asString(), key.runId(), PROCESSED, "", expiresAt)
					.update();
			}
			catch (DuplicateKeyException ex) {
				markProcessed(key);
			}
		}
	}

	@Override
	public void release(DeliveryKey key) {
		String owner = this.owners.remove(key);
		if (owner != null) {
			this.jdbc
				.sql("UPDATE " + this.table
						+ " SET STATE = ?, EXPIRES_AT = ? WHERE DELIVERY_KEY = ? AND OWNER = ? AND STATE = ?")
				.params(RELEASED, this.clock.millis(), key.asString(), owner, CLAIMED)
				.update();
		}
	}

	/**
	 * Delete the deliveries whose lease or window ended more than a lease ago.
	 * @return how many rows were deleted
	 */
	public int deleteExpired() {
		return this.jdbc.sql("DELETE FROM " + this.table + " WHERE EXPIRES_AT < ?")
			.param(this.clock.millis() - this.lease.toMillis())
			.update();
	}

}
