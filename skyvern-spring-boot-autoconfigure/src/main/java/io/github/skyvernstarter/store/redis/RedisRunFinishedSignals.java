package io.github.skyvernstarter.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.store.SignalledRuns;
import io.github.skyvernstarter.store.SkyvernRunFinishedSignals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * {@link SkyvernRunFinishedSignals} over Redis: one script keeps a finished run's JSON under a key
 * with a TTL and publishes its id; every instance hears the id, and one that waits for the run reads
 * the key. A wait that starts here looks once for the key, for a webhook that arrived just before.
 *
 * @since 0.1.0
 */
public final class RedisRunFinishedSignals implements SkyvernRunFinishedSignals {

	private static final Log logger = LogFactory.getLog(RedisRunFinishedSignals.class);

	private static final Duration RETRY = Duration.ofSeconds(5);

	private static final RedisScript<Long> PUBLISH = RedisScript.of("""
			redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
			return redis.call('PUBLISH', ARGV[3], ARGV[4])
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Duration ttl;

	private final RedisStoreKeys keys;

	private final RedisMessageListenerContainer container;

	private volatile @Nullable Listener listener;

	private @Nullable Disposable retry;

	/**
	 * Create signals.
	 * @param redis the Redis template
	 * @param keys the keys and channel
	 * @param ttl how long a finished run is kept for waits that start late
	 */
	public RedisRunFinishedSignals(StringRedisTemplate redis, RedisStoreKeys keys, Duration ttl) {
		this.redis = redis;
		this.keys = keys;
		this.ttl = ttl;
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(Objects.requireNonNull(redis.getConnectionFactory()));
		this.container.addMessageListener((message, pattern) -> {
			Listener current = this.listener;
			String runId = new String(message.getBody(), StandardCharsets.UTF_8);
			// Every instance hears every run; only one that waits for it reads it.
			if (current != null && current.waitedRunIds().contains(runId)) {
				current.finished(runId, SignalledRuns.fromJson(this.redis.opsForValue().get(keys.finished(runId))));
			}
		}, new ChannelTopic(keys.channel()));
	}

	@Override
	public synchronized void start(Listener listener) {
		this.listener = listener;
		this.container.afterPropertiesSet();
		subscribe();
	}

	/**
	 * Subscribe, and while Redis cannot be reached try again every few seconds: the application
	 * starts anyway, and its waits poll meanwhile.
	 */
	private void subscribe() {
		if (this.listener == null) {
			return;
		}
		try {
			this.container.start();
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot subscribe to " + this.keys.channel() + " in Redis yet (" + ex.getMessage()
					+ "): waits finish by polling until it can; trying again in " + RETRY.toSeconds() + "s");
			this.retry = Schedulers.boundedElastic().schedule(this::subscribeAgain, RETRY.toMillis(),
					TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void subscribeAgain() {
		subscribe();
	}

	@Override
	public synchronized void stop() {
		this.listener = null;
		if (this.retry != null) {
			this.retry.dispose();
			this.retry = null;
		}
		this.container.stop();
		try {
			this.container.destroy();
		}
		catch (Exception ex) {
			logger.debug("Redis listener container did not stop cleanly", ex);
		}
	}

	@Override
	public void publish(SkyvernRun run) {
		String json = SignalledRuns.toJson(run);
		this.redis.execute(PUBLISH, List.of(this.keys.finished(run.runId())), (json != null) ? json : "",
				Long.toString(this.ttl.toMillis()), this.keys.channel(), run.runId());
	}

	@Override
	public void watch(String runId) {
		Schedulers.boundedElastic().schedule(() -> {
			try {
				String json = this.redis.opsForValue().get(this.keys.finished(runId));
				Listener current = this.listener;
				if (current != null && json != null) {
					current.finished(runId, SignalledRuns.fromJson(json));
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not look for the finished mark of run " + runId, ex);
			}
		});
	}

}
