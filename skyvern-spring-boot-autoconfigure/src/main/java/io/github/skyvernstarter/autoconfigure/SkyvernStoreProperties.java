package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import io.github.skyvernstarter.store.jdbc.TablePrefix;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the state that several instances share ({@code skyvern.store.*}),
 * checked when bound.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("skyvern.store")
public class SkyvernStoreProperties implements InitializingBean {

	/**
	 * Where the state that instances share is kept: memory (one instance), jdbc (the application's DataSource) or redis (the application's RedisConnectionFactory).
	 */
	private Type type = Type.MEMORY;

	/**
	 * How long a claimed delivery blocks other deliveries of the same run and status, so that an instance that dies mid-delivery blocks redelivery no longer.
	 */
	private Duration lease = Duration.ofMinutes(1);

	/**
	 * How long a finished run is kept in the store for waits on other instances that start late.
	 */
	private Duration finishedSignalTtl = Duration.ofMinutes(10);

	/**
	 * Return {@code skyvern.store.type}.
	 * @return where the state that instances share is kept: memory (one instance), jdbc (the application's DataSource) or redis (the application's RedisConnectionFactory)
	 */
	public Type getType() {
		return this.type;
	}

	/**
	 * Set {@code skyvern.store.type}.
	 * @param type where the state that instances share is kept: memory (one instance), jdbc (the application's DataSource) or redis (the application's RedisConnectionFactory)
	 */
	public void setType(Type type) {
		this.type = type;
	}

	/**
	 * Return {@code skyvern.store.lease}.
	 * @return how long a claimed delivery blocks other deliveries of the same run and status, so that an instance that dies mid-delivery blocks redelivery no longer
	 */
	public Duration getLease() {
		return this.lease;
	}

	/**
	 * Set {@code skyvern.store.lease}.
	 * @param lease how long a claimed delivery blocks other deliveries of the same run and status, so that an instance that dies mid-delivery blocks redelivery no longer
	 */
	public void setLease(Duration lease) {
		this.lease = lease;
	}

	/**
	 * Return {@code skyvern.store.finished-signal-ttl}.
	 * @return how long a finished run is kept in the store for waits on other instances that start late
	 */
	public Duration getFinishedSignalTtl() {
		return this.finishedSignalTtl;
	}

	/**
	 * Set {@code skyvern.store.finished-signal-ttl}.
	 * @param finishedSignalTtl how long a finished run is kept in the store for waits on other instances that start late
	 */
	public void setFinishedSignalTtl(Duration finishedSignalTtl) {
		this.finishedSignalTtl = finishedSignalTtl;
	}

	private final Jdbc jdbc = new Jdbc();

	private final Redis redis = new Redis();

	/**
	 * Return the JDBC store's settings ({@code skyvern.store.jdbc.*}).
	 * @return the JDBC settings
	 */
	public Jdbc getJdbc() {
		return this.jdbc;
	}

	/**
	 * Return the Redis store's settings ({@code skyvern.store.redis.*}).
	 * @return the Redis settings
	 */
	public Redis getRedis() {
		return this.redis;
	}

	/**
	 * Check every value when the properties are bound.
	 * @throws SkyvernConfigurationException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requirePositive("skyvern.store.lease", this.lease);
		SkyvernPropertyChecks.requirePositive("skyvern.store.finished-signal-ttl", this.finishedSignalTtl);
		SkyvernPropertyChecks.requirePositive("skyvern.store.jdbc.cleanup-interval", this.jdbc.cleanupInterval);
		SkyvernPropertyChecks.requirePositive("skyvern.store.jdbc.wait-poll-interval", this.jdbc.waitPollInterval);
		SkyvernPropertyChecks.requirePositive("skyvern.store.jdbc.listen-notify-poll-interval",
				this.jdbc.listenNotifyPollInterval);
		// Checked here, not by JdbcStoreSchema: spring-jdbc is optional, and these properties are always bound.
		if (!TablePrefix.isValid(this.jdbc.tablePrefix)) {
			throw new SkyvernConfigurationException("skyvern.store.jdbc.table-prefix",
					"the table prefix is not letters, digits and underscores (optionally after a schema name and a dot)",
					"Set skyvern.store.jdbc.table-prefix to letters, digits and underscores, for example SKYVERN_.",
					true);
		}
		if (this.redis.keyPrefix.isBlank() || this.redis.keyPrefix.chars().anyMatch(Character::isWhitespace)) {
			throw new SkyvernConfigurationException("skyvern.store.redis.key-prefix",
					"the key prefix is blank or contains spaces",
					"Set skyvern.store.redis.key-prefix to a prefix such as skyvern:.", true);
		}
	}

	/**
	 * Where the shared state is kept.
	 */
	public enum Type {

		/** In this JVM's memory: one instance only. */
		MEMORY,

		/** In the application's database, through its {@code DataSource}. */
		JDBC,

		/** In Redis, through the application's {@code RedisConnectionFactory}. */
		REDIS

	}

	/**
	 * When the JDBC store's tables are created.
	 */
	public enum InitializeSchema {

		/** Only when the database is embedded (H2, HSQLDB, Derby). */
		EMBEDDED,

		/** At every startup, unless they exist. */
		ALWAYS,

		/** Never: the tables are created by the application's own migrations. */
		NEVER

	}

	/**
	 * Settings of the JDBC store.
	 */
	public static class Jdbc {

		/**
		 * When to create the store's tables at startup: embedded (only in an embedded database), always or never.
		 */
		private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

		/**
		 * Prefix of the store's table names, optionally after a schema name and a dot.
		 */
		private String tablePrefix = "SKYVERN_";

		/**
		 * Time between two deletions of expired deliveries.
		 */
		private Duration cleanupInterval = Duration.ofMinutes(10);

		/**
		 * Time between two queries for runs finished on other instances, while this instance waits for runs.
		 */
		private Duration waitPollInterval = Duration.ofMillis(500);

		/**
		 * Whether waits on PostgreSQL are woken by LISTEN/NOTIFY, which holds one connection of the pool while this instance waits for runs; off, and on other databases, they query every wait-poll-interval.
		 */
		private boolean listenNotify = true;

		/**
		 * Time between two queries for runs finished on other instances while LISTEN/NOTIFY wakes the waits, a safety net for notifications lost while a connection was down.
		 */
		private Duration listenNotifyPollInterval = Duration.ofSeconds(10);

		/**
		 * Return {@code skyvern.store.jdbc.initialize-schema}.
		 * @return when to create the store's tables at startup: embedded (only in an embedded database), always or never
		 */
		public InitializeSchema getInitializeSchema() {
			return this.initializeSchema;
		}

		/**
		 * Set {@code skyvern.store.jdbc.initialize-schema}.
		 * @param initializeSchema when to create the store's tables at startup: embedded (only in an embedded database), always or never
		 */
		public void setInitializeSchema(InitializeSchema initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		/**
		 * Return {@code skyvern.store.jdbc.table-prefix}.
		 * @return prefix of the store's table names, optionally after a schema name and a dot
		 */
		public String getTablePrefix() {
			return this.tablePrefix;
		}

		/**
		 * Set {@code skyvern.store.jdbc.table-prefix}.
		 * @param tablePrefix prefix of the store's table names, optionally after a schema name and a dot
		 */
		public void setTablePrefix(String tablePrefix) {
			this.tablePrefix = tablePrefix;
		}

		/**
		 * Return {@code skyvern.store.jdbc.cleanup-interval}.
		 * @return time between two deletions of expired deliveries
		 */
		public Duration getCleanupInterval() {
			return this.cleanupInterval;
		}

		/**
		 * Set {@code skyvern.store.jdbc.cleanup-interval}.
		 * @param cleanupInterval time between two deletions of expired deliveries
		 */
		public void setCleanupInterval(Duration cleanupInterval) {
			this.cleanupInterval = cleanupInterval;
		}

		/**
		 * Return {@code skyvern.store.jdbc.wait-poll-interval}.
		 * @return time between two queries for runs finished on other instances, while this instance waits for runs
		 */
		public Duration getWaitPollInterval() {
			return this.waitPollInterval;
		}

		/**
		 * Set {@code skyvern.store.jdbc.wait-poll-interval}.
		 * @param waitPollInterval time between two queries for runs finished on other instances, while this instance waits for runs
		 */
		public void setWaitPollInterval(Duration waitPollInterval) {
			this.waitPollInterval = waitPollInterval;
		}

		/**
		 * Return {@code skyvern.store.jdbc.listen-notify}.
		 * @return whether waits on PostgreSQL are woken by LISTEN/NOTIFY, which holds one connection of the pool while this instance waits for runs; off, and on other databases, they query every wait-poll-interval
		 */
		public boolean isListenNotify() {
			return this.listenNotify;
		}

		/**
		 * Set {@code skyvern.store.jdbc.listen-notify}.
		 * @param listenNotify whether waits on PostgreSQL are woken by LISTEN/NOTIFY, which holds one connection of the pool while this instance waits for runs; off, and on other databases, they query every wait-poll-interval
		 */
		public void setListenNotify(boolean listenNotify) {
			this.listenNotify = listenNotify;
		}

		/**
		 * Return {@code skyvern.store.jdbc.listen-notify-poll-interval}.
		 * @return time between two queries for runs finished on other instances while LISTEN/NOTIFY wakes the waits, a safety net for notifications lost while a connection was down
		 */
		public Duration getListenNotifyPollInterval() {
			return this.listenNotifyPollInterval;
		}

		/**
		 * Set {@code skyvern.store.jdbc.listen-notify-poll-interval}.
		 * @param listenNotifyPollInterval time between two queries for runs finished on other instances while LISTEN/NOTIFY wakes the waits, a safety net for notifications lost while a connection was down
		 */
		public void setListenNotifyPollInterval(Duration listenNotifyPollInterval) {
			this.listenNotifyPollInterval = listenNotifyPollInterval;
		}

	}

	/**
	 * Settings of the Redis store.
	 */
	public static class Redis {

		/**
		 * Prefix of the store's Redis keys and pub/sub channel.
		 */
		private String keyPrefix = "skyvern:";

		/**
		 * Return {@code skyvern.store.redis.key-prefix}.
		 * @return prefix of the store's Redis keys and pub/sub channel
		 */
		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		/**
		 * Set {@code skyvern.store.redis.key-prefix}.
		 * @param keyPrefix prefix of the store's Redis keys and pub/sub channel
		 */
		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

	}

}
