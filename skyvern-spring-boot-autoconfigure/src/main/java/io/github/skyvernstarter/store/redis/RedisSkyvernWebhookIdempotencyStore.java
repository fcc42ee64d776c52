package io.github.skyvernstarter.store.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.webhook.InMemorySkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link SkyvernWebhookIdempotencyStore} in Redis: a claim is one Lua script (one round trip) that
 * sets the delivery's key with the lease as TTL unless it exists and otherwise tells which state it
 * is in; a processed delivery's key lives for the duplicate window. Nothing needs cleaning up: every
 * key has a TTL.
 *
 * @since 0.1.0
 */
public final class RedisSkyvernWebhookIdempotencyStore implements SkyvernWebhookIdempotencyStore {

	private static final String PROCESSED = "P";

	private static final RedisScript<String> CLAIM = RedisScript.of("""
			local current = redis.call('GET', KEYS[1])
			if current == 'P' then return 'P' end
			if current then return 'C' end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return 'OK'
			""", String.class);

	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisStoreKeys keys;

	private final Duration lease;

	private final Duration window;

	private final Map<DeliveryKey, String> owners = new ConcurrentHashMap<>();

	/**
	 * Create a store.
	 * @param redis the Redis template
	 * @param keys the keys
	 * @param lease how long a claim blocks other deliveries of the same run and status
	 * @param window how long a processed delivery is remembered
	 */
	public RedisSkyvernWebhookIdempotencyStore(StringRedisTemplate redis, RedisStoreKeys keys, Duration lease,
			Duration window) {
		this.redis = redis;
		this.keys = keys;
		this.lease = lease;
		this.window = window;
	}

	@Override
	public Claim claim(DeliveryKey key) {
		if (key.runId().length() + key.status().length() > InMemorySkyvernWebhookIdempotencyStore.MAX_KEY_LENGTH) {
			throw new IllegalArgumentException("A delivery key is longer than "
					+ InMemorySkyvernWebhookIdempotencyStore.MAX_KEY_LENGTH + " characters");
		}
		String owner = "C:" + UUID.randomUUID();
		String answer = this.redis.execute(CLAIM, List.of(this.keys.delivery(key)), owner,
				Long.toString(this.lease.toMillis()));
		if ("OK".equals(answer)) {
			this.owners.put(key, owner);
			return Claim.CLAIMED;
		}
		return PROCESSED.equals(answer) ? Claim.ALREADY_PROCESSED : Claim.IN_PROGRESS;
	}

	@Override
	public void markProcessed(DeliveryKey key) {
		this.owners.remove(key);
		this.redis.opsForValue().set(this.keys.delivery(key), PROCESSED, this.window);
	}

	@Override
	public void release(DeliveryKey key) {
		String owner = this.owners.remove(key);
		if (owner != null) {
			this.redis.execute(RELEASE, List.of(this.keys.delivery(key)), owner);
		}
	}

}
