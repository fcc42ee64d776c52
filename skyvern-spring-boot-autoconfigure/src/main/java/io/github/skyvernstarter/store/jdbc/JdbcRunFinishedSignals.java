package io.github.skyvernstarter.store.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.github.skyvernstarter.store.PeriodicTask;
import io.github.skyvernstarter.store.SkyvernRunFinishedSignals;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link SkyvernRunFinishedSignals} from the deliveries table: at each interval, while this instance
 * waits for runs, one query asks which of them had a final webhook claimed by any instance.
 *
 * @since 0.1.0
 */
public final class JdbcRunFinishedSignals implements SkyvernRunFinishedSignals {

	/** The most run ids asked for in one statement. */
	static final int BATCH = 500;

	private final JdbcClient jdbc;

	private final String table;

	private final Duration interval;

	private @Nullable PeriodicTask task;

	/**
	 * Create signals.
	 * @param jdbc the database
	 * @param schema the table names
	 * @param interval the time between two queries
	 */
	public JdbcRunFinishedSignals(JdbcClient jdbc, JdbcStoreSchema schema, Duration interval) {
		this.jdbc = jdbc;
		this.table = schema.deliveries();
		this.interval = interval;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.task == null) {
			this.task = new PeriodicTask("skyvern-store-signals", this.interval, () -> poll(listener));
			this.task.start();
		}
	}

	/**
	 * Ask once which waited runs finished, and tell the listener.
	 * @param listener the listener
	 */
	void poll(Listener listener) {
		List<String> waited = new ArrayList<>(listener.waitedRunIds());
		for (int from = 0; from < waited.size(); from += BATCH) {
			List<String> batch = waited.subList(from, Math.min(waited.size(), from + BATCH));
			String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
			Set<String> finished = Set.copyOf(this.jdbc
				.sql("SELECT DISTINCT RUN_ID FROM " + this.table + " WHERE RUN_ID IN (" + marks + ")")
				.params(batch)
				.query(String.class)
				.list());
			finished.forEach(listener::finished);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.task != null) {
			this.task.stop();
			this.task = null;
		}
	}

}
