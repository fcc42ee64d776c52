package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link SkyvernWebhookIdempotencyStore} in this JVM's memory: processed deliveries are remembered
 * for a window, and at most a fixed number of them, the oldest forgotten first.
 * <p>
 * Deliveries in progress are never forgotten while they run, so an in-flight duplicate cannot slip
 * through; their number is bounded by the server's request concurrency. With several instances,
 * each remembers only what it received: use a shared store instead.
 * <p>
 * Its memory is bounded in bytes as well as in entries: a key longer than
 * {@value #MAX_KEY_LENGTH} characters (far more than a Skyvern run id and status; the receiver
 * rejects longer run ids before they get here) is refused, so an entry holds less than 600 bytes
 * and 10,000 entries less than 6 MB.
 *
 * @since 0.1.0
 */
public final class InMemorySkyvernWebhookIdempotencyStore implements SkyvernWebhookIdempotencyStore {

	/** The longest run id and status, together, that a key may have. */
	public static final int MAX_KEY_LENGTH = 256;

	private final Duration window;

	private final int maxEntries;

	private final Clock clock;

	// Insertion order is expiry order (one window for all), so expired entries sit at the head.
	private final LinkedHashMap<DeliveryKey, Instant> processed = new LinkedHashMap<>();

	private final Set<DeliveryKey> inProgress = new HashSet<>();

	/**
	 * Create a store.
	 * @param window how long a processed delivery is remembered
	 * @param maxEntries the most processed deliveries remembered
	 */
	public InMemorySkyvernWebhookIdempotencyStore(Duration window, int maxEntries) {
		this(window, maxEntries, Clock.systemUTC());
	}

	/**
	 * Create a store.
	 * @param window how long a processed delivery is remembered
	 * @param maxEntries the most processed deliveries remembered
	 * @param clock the clock that ages entries
	 */
	public InMemorySkyvernWebhookIdempotencyStore(Duration window, int maxEntries, Clock clock) {
		if (window.isNegative() || window.isZero()) {
			throw new IllegalArgumentException("Duplicate window must be positive");
		}
		if (maxEntries < 1) {
			throw new IllegalArgumentException("Max entries must be at least 1");
		}
		this.window = window;
		this.maxEntries = maxEntries;
		this.clock = clock;
	}

	@Override
	public synchronized Claim claim(DeliveryKey key) {
		if (key.runId().length() + key.status().length() > MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("A delivery key is longer than " + MAX_KEY_LENGTH + " characters");
		}
		Instant now = this.clock.instant();
		evictExpired(now);
		if (this.processed.containsKey(key)) {
			return Claim.ALREADY_PROCESSED;
		}
		return this.inProgress.add(key) ? Claim.CLAIMED : Claim.IN_PROGRESS;
	}

	@Override
	public synchronized void markProcessed(DeliveryKey key) {
		this.inProgress.remove(key);
		Instant now = this.clock.instant();
		this.processed.remove(key);
		this.processed.put(key, now.plus(this.window));
		evictExpired(now);
		Iterator<DeliveryKey> oldest = this.processed.keySet().iterator();
		while (this.processed.size() > this.maxEntries) {
			oldest.next();
			oldest.remove();
		}
	}

	@Override
	public synchronized void release(DeliveryKey key) {
		this.inProgress.remove(key);
	}

	/**
	 * Return how many processed deliveries are remembered now.
	 * @return the number of entries
	 */
	public synchronized int size() {
		evictExpired(this.clock.instant());
		return this.processed.size();
	}

	private void evictExpired(Instant now) {
		Iterator<Map.Entry<DeliveryKey, Instant>> entries = this.processed.entrySet().iterator();
		while (entries.hasNext()) {
			if (entries.next().getValue().isAfter(now)) {
				return;
			}
			entries.remove();
		}
	}

}
