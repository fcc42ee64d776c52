package io.github.skyvernstarter.store.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import org.springframework.util.ClassUtils;

/**
 * Wakes waits on PostgreSQL: while this instance waits for runs, one connection of the pool runs
 * {@code LISTEN} on the store's channel on a daemon thread, and the run ids that {@code pg_notify}
 * sends there are read from the store at once. Right after each (re)connection, and when a wait
 * starts, the waited runs are read once, for notifications sent while nobody listened; a lost
 * connection is logged once and opened again after a growing pause.
 *
 * @since 0.1.0
 */
public final class PostgresRunNotifications {

	private static final Log logger = LogFactory.getLog(PostgresRunNotifications.class);

	/** PostgreSQL's longest identifier, in bytes. */
	private static final int MAX_CHANNEL_LENGTH = 63;

	/** The longest block for notifications, so that {@link #stop()} is seen within it. */
	private static final int RECEIVE_MILLIS = 250;

	/** Time between two round trips that check a quiet connection still works. */
	private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** How long a statement on the connection may take before it counts as lost. */
	private static final int NETWORK_TIMEOUT_MILLIS = 10_000;

	/** How long the connection is kept once this instance waits for no run. */
	private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

	/** Time between two looks at whether this instance still waits for runs. */
	private static final long IDLE_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

	private static final long FIRST_RETRY_MILLIS = 1_000;

	private static final long LAST_RETRY_MILLIS = 30_000;

	private final DataSource dataSource;

	private final String channel;

	/** Runs whose wait just started: read once, in case their notification came first. */
	private final Set<String> started = ConcurrentHashMap.newKeySet();

	private final Object wake = new Object();

	private volatile boolean running;

	private @Nullable Thread thread;

	private boolean failing;

	private long retryMillis = FIRST_RETRY_MILLIS;

	/**
	 * Create notifications.
	 * @param dataSource the database, PostgreSQL through PgJDBC
	 * @param channel the channel, see {@link #channel(JdbcStoreSchema)}
	 */
	public PostgresRunNotifications(DataSource dataSource, String channel) {
		this.dataSource = dataSource;
		this.channel = channel;
	}

	/**
	 * Return the channel of a store: its table of finished runs in lower case, a dot replaced by an
	 * underscore, so that applications sharing a database with other table prefixes do not wake each
	 * other; cut to PostgreSQL's 63 bytes with a hash when longer.
	 * @param schema the store's tables
	 * @return the channel name
	 */
	public static String channel(JdbcStoreSchema schema) {
		String name = schema.finished().replace('.', '_').toLowerCase(Locale.ROOT);
		if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_CHANNEL_LENGTH) {
			return name;
		}
		String hash = Integer.toHexString(name.hashCode());
		return name.substring(0, MAX_CHANNEL_LENGTH - hash.length() - 1) + "_" + hash;
	}

	/**
	 * Return whether a database is PostgreSQL reached through PgJDBC, on the class path.
	 * @param dataSource the database
	 * @return whether notifications can be used; {@code false} also when the database cannot be
	 * reached
	 */
	public static boolean isSupported(DataSource dataSource) {
		if (!ClassUtils.isPresent("org.postgresql.PGConnection", PostgresRunNotifications.class.getClassLoader())) {
			return false;
		}
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			String product = metaData.getDatabaseProductName();
			return product != null && product.toLowerCase(Locale.ROOT).contains("postgres")
					&& connection.isWrapperFor(PGConnection.class);
		}
		catch (SQLException ex) {
			logger.info("Cannot tell whether the Skyvern store is on PostgreSQL (" + ex.getMessage()
					+ "): waits on other instances' webhooks poll the store instead of listening");
			return false;
		}
	}

	/**
	 * Return the channel.
	 * @return the channel name
	 */
	public String channel() {
		return this.channel;
	}

	/**
	 * Start listening on a daemon thread.
	 * @param waited the runs waited for on this instance now
	 * @param read reads runs from the store and tells the waits of those that finished
	 */
	synchronized void start(Supplier<Set<String>> waited, Consumer<Collection<String>> read) {
		if (this.thread == null) {
			this.running = true;
			Thread listening = new Thread(() -> run(waited, read), "skyvern-store-listen-" + this.channel);
			listening.setDaemon(true);
			listening.start();
			this.thread = listening;
		}
	}

	/**
	 * Note that a wait for a run started, so that a notification that came just before is not missed.
	 * @param runId the run
	 */
	void watch(String runId) {
		this.started.add(runId);
		synchronized (this.wake) {
			this.wake.notifyAll();
		}
	}

	/**
	 * Stop listening: the thread ends, within a fraction of a second, and the connection is closed.
	 */
	synchronized void stop() {
		this.running = false;
		Thread listening = this.thread;
		this.thread = null;
		if (listening != null) {
			listening.interrupt();
			synchronized (this.wake) {
				this.wake.notifyAll();
			}
			try {
				listening.join(TimeUnit.SECONDS.toMillis(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void run(Supplier<Set<String>> waited, Consumer<Collection<String>> read) {
		while (this.running) {
			if (waited.get().isEmpty()) {
				// No connection is held while nothing is waited for; a wait that starts wakes this thread.
				idle();
				continue;
			}
			try {
				listen(waited, read);
			}
			catch (SQLException | RuntimeException ex) {
				if (!this.running) {
					return;
				}
				lost(ex);
				try {
					Thread.sleep(this.retryMillis);
				}
				catch (InterruptedException interrupted) {
					return;
				}
				this.retryMillis = Math.min(this.retryMillis * 2, LAST_RETRY_MILLIS);
			}
		}
	}

	private void idle() {
		synchronized (this.wake) {
			if (this.running) {
				try {
					this.wake.wait(1000);
				}
				catch (InterruptedException ex) {
					// stop() interrupts; the loop sees that it is not running.
				}
			}
		}
	}

	private void lost(Exception ex) {
		if (!this.failing) {
			this.failing = true;
			logger.warn("Lost the LISTEN connection of the Skyvern store on channel " + this.channel + " ("
					+ ex.getMessage() + "): waits on other instances' webhooks poll the store until it is back;"
					+ " connecting again in " + this.retryMillis + " ms");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Cannot listen on channel " + this.channel + " yet; trying again in " + this.retryMillis
					+ " ms", ex);
		}
	}

	private void listen(Supplier<Set<String>> waited, Consumer<Collection<String>> read) throws SQLException {
		Connection connection = this.dataSource.getConnection();
		try {
			connection.setAutoCommit(true);
			connection.setNetworkTimeout(Runnable::run, NETWORK_TIMEOUT_MILLIS);
			PGConnection postgres = connection.unwrap(PGConnection.class);
			String listen = "LISTEN \"" + this.channel + "\"";
			execute(connection, listen);
			if (this.failing) {
				logger.info("Listening again on channel " + this.channel + " of the Skyvern store");
				this.failing = false;
			}
			this.retryMillis = FIRST_RETRY_MILLIS;
			// Runs that finished while nobody listened here.
			this.started.clear();
			readQuietly(read, waited.get());
			long checked = System.nanoTime();
			long lastWaited = checked;
			long lastAsked = checked;
			while (this.running) {
				PGNotification[] notifications = postgres.getNotifications(RECEIVE_MILLIS);
				Set<String> finished = new HashSet<>();
				long now = System.nanoTime();
				if (notifications != null && notifications.length > 0) {
					Set<String> waitedNow = waited.get();
					for (PGNotification notification : notifications) {
						// Every instance hears every run; only one that waits for it reads it.
						if (waitedNow.contains(notification.getParameter())) {
							finished.add(notification.getParameter());
						}
					}
					checked = now;
				}
				drainStarted(finished);
				if (!finished.isEmpty()) {
					readQuietly(read, finished);
				}
				if (now - lastAsked > IDLE_CHECK_NANOS) {
					// Copying the waits is not free with thousands of them: their absence is checked now and then.
					lastAsked = now;
					if (!waited.get().isEmpty()) {
						lastWaited = now;
					}
					else if (now - lastWaited > IDLE_NANOS) {
						return;
					}
				}
				if (now - checked > CHECK_NANOS) {
					// A quiet connection may be dead without a word: one cheap round trip tells.
					execute(connection, listen);
					checked = now;
				}
			}
		}
		finally {
			release(connection);
		}
	}

	private void drainStarted(Set<String> into) {
		for (Iterator<String> iterator = this.started.iterator(); iterator.hasNext();) {
			into.add(iterator.next());
			iterator.remove();
		}
	}

	private void readQuietly(Consumer<Collection<String>> read, Collection<String> runIds) {
		if (runIds.isEmpty()) {
			return;
		}
		try {
			read.accept(runIds);
		}
		catch (RuntimeException ex) {
			// The safety-net poll reads them again, and logs if the store stays unreachable.
			logger.debug("Could not read finished runs " + runIds + " from the Skyvern store", ex);
		}
	}

	/**
	 * Stop listening on a connection that goes back to the pool; through the pool's own proxy, so that a
	 * broken connection fails there and the pool drops it.
	 */
	private void release(Connection connection) {
		boolean interrupted = Thread.interrupted();
		try {
			execute(connection, "UNLISTEN *");
		}
		catch (SQLException | RuntimeException ex) {
			logger.debug("Could not UNLISTEN before closing the connection", ex);
		}
		try {
			connection.close();
		}
		catch (SQLException ex) {
			logger.debug("Could not close the LISTEN connection", ex);
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
