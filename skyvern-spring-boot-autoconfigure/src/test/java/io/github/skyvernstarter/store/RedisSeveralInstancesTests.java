package io.github.skyvernstarter.store;

import java.util.Map;
import java.util.Set;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Three instances sharing the Redis store (127.0.0.1:6379), through a proxy that a test can cut;
 * the keys carry this run's prefix and expire, or are deleted afterwards.
 */
@RequiresService(RequiresService.Service.REDIS)
class RedisSeveralInstancesTests extends AbstractSeveralInstancesTests {

	@Override
	int storePort() {
		return RequiresService.Service.REDIS.port;
	}

	@Override
	Map<String, Object> storeProperties(int port) {
		return Map.of("skyvern.store.type", "redis", "skyvern.store.redis.key-prefix", keyPrefix(),
				"spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", Integer.toString(port),
				"spring.data.redis.timeout", "2s", "spring.data.redis.connect-timeout", "2s");
	}

	private String keyPrefix() {
		return "skyvern-test:" + this.prefix;
	}

	@Override
	void dropStore() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory("127.0.0.1", storePort());
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		try {
			StringRedisTemplate redis = new StringRedisTemplate(connectionFactory);
			Set<String> keys = redis.keys(keyPrefix() + "*");
			if (keys != null && !keys.isEmpty()) {
				redis.delete(keys);
			}
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
