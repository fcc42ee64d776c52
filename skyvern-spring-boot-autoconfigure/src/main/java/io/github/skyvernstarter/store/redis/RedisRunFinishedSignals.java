package io.github.skyvernstarter.store.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.Objects;

import io.github.skyvernstarter.store.SkyvernRunFinishedSignals;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * {@link SkyvernRunFinishedSignals} over Redis pub/sub: the claim script publishes each finished
 * run's id, and every instance hears it; a wait that starts here looks once for the run's finished
 * mark, for a webhook that arrived just before.
 *
 * @since 0.1.0
 */
public final class RedisRunFinishedSignals implements SkyvernRunFinishedSignals {

	private static final Log logger = LogFactory.getLog(RedisRunFinishedSignals.class);

	private static final Duration RETRY = Duration.ofSeconds(5);

	private final StringRedisTemplate redis;

	private final RedisStoreKeys keys;

	private final RedisMessageListenerContainer container;

	private volatile @Nullable Listener listener;

	private @Nullable Disposable retry;

	/**
	 * Create signals.
	 * @param redis the Redis template
	 * @param keys the keys and channel
	 */
	public RedisRunFinishedSignals(StringRedisTemplate redis, RedisStoreKeys keys) {
		this.redis = redis;
		this.keys = keys;
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(Objects.requireNonNull(redis.getConnectionFactory()));
		this.container.addMessageListener((message, pattern) -> {
			Listener current = this.listener;
			if (current != null) {
				current.finished(new String(message.getBody(), StandardCharsets.UTF_8));
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
	public void watch(String runId) {
		Schedulers.boundedElastic().schedule(() -> {
			try {
				boolean finished = Boolean.TRUE.equals(this.redis.hasKey(this.keys.finished(runId)));
				Listener current = this.listener;
				if (current != null && finished) {
					current.finished(runId);
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not look for the finished mark of run " + runId, ex);
			}
		});
	}

}
