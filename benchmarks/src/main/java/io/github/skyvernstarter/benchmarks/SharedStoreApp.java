package io.github.skyvernstarter.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The application measured: webhooks on, a listener that does nothing, and the store's engine
 * built here (the benchmarks' class path has no Boot auto-configuration for JDBC or Redis, so that
 * the other scenarios' applications stay as they were).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableSkyvernWebhooks
class SharedStoreApp {

	@EventListener
	void onRunFinished(SkyvernRunFinishedEvent event) {
	}

	@Bean(destroyMethod = "close")
	@Conditional(JdbcStore.class)
	HikariDataSource dataSource(Environment environment) {
		String store = environment.getRequiredProperty("bench.store");
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(SharedStoresScenario.jdbcUrl(store));
		dataSource.setUsername(SharedStoresScenario.user(store));
		dataSource.setMaximumPoolSize(16);
		return dataSource;
	}

	@Bean
	@Conditional(RedisStore.class)
	LettuceConnectionFactory redisConnectionFactory() {
		return new LettuceConnectionFactory("127.0.0.1", 6379);
	}

	static final class JdbcStore implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String store = context.getEnvironment().getProperty("bench.store", "");
			return store.equals("postgres") || store.equals("mariadb");
		}

	}

	static final class RedisStore implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return "redis".equals(context.getEnvironment().getProperty("bench.store"));
		}

	}

}
