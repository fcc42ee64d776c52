package io.github.skyvernstarter.webhook;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the memory that all webhook deliveries being read or processed hold together, so that
 * bodies nobody has verified yet cannot exhaust the heap.
 * <p>
 * A delivery reserves memory as its bytes arrive, never on the strength of its
 * {@code Content-Length}: a slow or stalled sender holds only what it sent. A quarter of the budget
 * is kept for small bodies (at most a sixty-fourth of the budget each, 1MB of the default 64MB),
 * which is what Skyvern's run webhooks almost always are: bodies near {@code max-body-size} cannot
 * take it, so a flood of large bodies does not starve Skyvern's deliveries.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookBodyBudget {

	private final long limit;

	private final long largeBodyLimit;

	private final long smallBodySize;

	private final AtomicLong used = new AtomicLong();

	/**
	 * Create a budget.
	 * @param limit the most bytes that deliveries may hold together
	 */
	public SkyvernWebhookBodyBudget(long limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("Budget must be positive");
		}
		this.limit = limit;
		this.largeBodyLimit = limit - limit / 4;
		this.smallBodySize = limit / 64;
	}

	/**
	 * Return the smallest budget in which one body of the given size can be read and handed on: the
	 * part large bodies may use must hold it twice, while it is read and when it is made one array.
	 * @param maxBodySize the largest body accepted, in bytes
	 * @return three times the body size
	 */
	public static long minimumFor(long maxBodySize) {
		return (maxBodySize > Long.MAX_VALUE / 3) ? Long.MAX_VALUE : maxBodySize * 3;
	}

	/**
	 * Return the most bytes that deliveries may hold together.
	 * @return the budget in bytes
	 */
	public long getLimit() {
		return this.limit;
	}

	/**
	 * Return the bytes that deliveries hold now.
	 * @return the bytes reserved
	 */
	public long getUsed() {
		return this.used.get();
	}

	/**
	 * Reserve memory for a delivery.
	 * @param bytes the bytes to reserve
	 * @param bodySize the delivery's size once these bytes are used, which decides whether it may use
	 * the share kept for small bodies
	 * @return whether the bytes were reserved
	 */
	boolean tryReserve(long bytes, long bodySize) {
		long ceiling = (bodySize <= this.smallBodySize) ? this.limit : this.largeBodyLimit;
		while (true) {
			long current = this.used.get();
			if (current + bytes > ceiling) {
				return false;
			}
			if (this.used.compareAndSet(current, current + bytes)) {
				return true;
			}
		}
	}

	/**
	 * Give back memory reserved by {@link #tryReserve}.
	 * @param bytes the bytes to release
	 */
	void release(long bytes) {
		this.used.addAndGet(-bytes);
	}

	@Override
	public String toString() {
		return "SkyvernWebhookBodyBudget[limit=" + this.limit + ", used=" + this.used.get() + "]";
	}

}
