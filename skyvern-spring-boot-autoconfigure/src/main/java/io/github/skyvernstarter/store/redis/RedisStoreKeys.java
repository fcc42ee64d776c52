package io.github.skyvernstarter.store.redis;

import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;

/**
 * The Redis keys and channel of the store, all under one prefix; keys about one run share a hash
 * tag ({@code {runId}}), so a script that touches several of them stays in one Redis Cluster slot.
 *
 * @since 0.1.0
 */
public final class RedisStoreKeys {

	/** The default prefix. */
	public static final String DEFAULT_PREFIX = "skyvern:";

	private final String prefix;

	/**
	 * Create keys under a prefix.
	 * @param prefix the prefix, for example {@code skyvern:}
	 */
	public RedisStoreKeys(String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Return the key of a delivery.
	 * @param key the delivery
	 * @return the Redis key
	 */
	public String delivery(DeliveryKey key) {
		return this.prefix + "delivery:{" + key.runId() + "}:" + key.status();
	}

	/**
	 * Return the key that says a run's final webhook arrived at some instance.
	 * @param runId the run
	 * @return the Redis key
	 */
	public String finished(String runId) {
		return this.prefix + "finished:{" + runId + "}";
	}

	/**
	 * Return the key of the sorted set of runs in flight (scored by start time in milliseconds).
	 * @return the Redis key
	 */
	public String runs() {
		return this.prefix + "runs";
	}

	/**
	 * Return the key of a lease.
	 * @param name the lease's name
	 * @return the Redis key
	 */
	public String lease(String name) {
		return this.prefix + "lease:" + name;
	}

	/**
	 * Return the pub/sub channel on which finished run ids are published.
	 * @return the channel
	 */
	public String channel() {
		return this.prefix + "finished";
	}

}
