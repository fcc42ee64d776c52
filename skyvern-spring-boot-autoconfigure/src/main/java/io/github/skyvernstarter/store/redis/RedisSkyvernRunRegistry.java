package io.github.skyvernstarter.store.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.github.skyvernstarter.store.SkyvernRunRegistry;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * {@link SkyvernRunRegistry} in Redis: runs in flight in one sorted set scored by their start time,
 * leases as keys with a TTL that their owner renews by a script.
 *
 * @since 0.1.0
 */
public final class RedisSkyvernRunRegistry implements SkyvernRunRegistry {

	private static final RedisScript<Long> LEASE = RedisScript.of("""
			local owner = redis.call('GET', KEYS[1])
			if owner == false or owner == ARGV[1] then
				redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
				return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final RedisStoreKeys keys;

	/**
	 * Create a registry.
	 * @param redis the Redis template
	 * @param keys the keys
	 */
	public RedisSkyvernRunRegistry(StringRedisTemplate redis, RedisStoreKeys keys) {
		this.redis = redis;
		this.keys = keys;
	}

	@Override
	public void register(String runId, Instant startedAt) {
		this.redis.opsForZSet().addIfAbsent(this.keys.runs(), runId, startedAt.toEpochMilli());
	}

	@Override
	public void remove(String runId) {
		this.redis.opsForZSet().remove(this.keys.runs(), runId);
	}

	@Override
	public List<InFlightRun> inFlight(Instant startedBefore, int limit) {
		Set<TypedTuple<String>> runs = this.redis.opsForZSet()
			.rangeByScoreWithScores(this.keys.runs(), 0, startedBefore.toEpochMilli(), 0, limit);
		return (runs != null) ? runs.stream()
			.map((run) -> new InFlightRun(Objects.requireNonNull(run.getValue()),
					Instant.ofEpochMilli(Objects.requireNonNull(run.getScore()).longValue())))
			.toList() : List.of();
	}

	@Override
	public boolean tryLease(String name, String owner, Duration duration) {
		Long taken = this.redis.execute(LEASE, List.of(this.keys.lease(name)), owner,
				Long.toString(duration.toMillis()));
		return taken != null && taken == 1L;
	}

}
