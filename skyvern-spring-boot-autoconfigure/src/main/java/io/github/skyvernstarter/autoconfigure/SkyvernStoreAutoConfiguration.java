package io.github.skyvernstarter.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.store.PeriodicTask;
import io.github.skyvernstarter.store.RunFinishedSignaller;
import io.github.skyvernstarter.store.SharedRunCompletionSource;
import io.github.skyvernstarter.store.SkyvernRunFinishedSignals;
import io.github.skyvernstarter.store.SkyvernRunRegistry;
import io.github.skyvernstarter.store.jdbc.JdbcRunFinishedSignals;
import io.github.skyvernstarter.store.jdbc.JdbcSkyvernRunRegistry;
import io.github.skyvernstarter.store.jdbc.JdbcSkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.store.jdbc.JdbcStoreSchema;
import io.github.skyvernstarter.store.jdbc.PostgresRunNotifications;
import io.github.skyvernstarter.store.redis.RedisRunFinishedSignals;
import io.github.skyvernstarter.store.redis.RedisSkyvernRunRegistry;
import io.github.skyvernstarter.store.redis.RedisSkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.store.redis.RedisStoreKeys;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookRunCompletionSource;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import io.github.skyvernstarter.webhook.SkyvernWebhooksMarkerConfiguration;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Auto-configuration of the state that several instances share, selected by
 * {@code skyvern.store.type}: {@code memory} (the default, nothing here), {@code jdbc} on the
 * application's {@link DataSource}, or {@code redis} on its {@link RedisConnectionFactory}. Each gives
 * the webhook receiver a shared {@link SkyvernWebhookIdempotencyStore}, the reconciler a shared
 * {@link SkyvernRunRegistry}, and waits {@link SkyvernRunFinishedSignals} from the other instances.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = SkyvernWebhookAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration" })
@EnableConfigurationProperties(SkyvernStoreProperties.class)
public final class SkyvernStoreAutoConfiguration {

	static final String TYPE = "skyvern.store.type";

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "jdbc")
	@ConditionalOnMissingClass("org.springframework.jdbc.core.simple.JdbcClient")
	Object skyvernJdbcStoreMissing() {
		throw new SkyvernConfigurationException(TYPE, "the store type is jdbc but spring-jdbc is not on the class path",
				"Add spring-boot-starter-jdbc and your database's driver to the application, or set " + TYPE
						+ "=memory (one instance) or redis.");
	}

	@Bean
	@ConditionalOnProperty(name = TYPE, havingValue = "redis")
	@ConditionalOnMissingClass("org.springframework.data.redis.core.StringRedisTemplate")
	Object skyvernRedisStoreMissing() {
		throw new SkyvernConfigurationException(TYPE,
				"the store type is redis but Spring Data Redis is not on the class path",
				"Add spring-boot-starter-data-redis to the application, or set " + TYPE + "=memory (one instance) "
						+ "or jdbc.");
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "jdbc")
	@ConditionalOnClass(JdbcClient.class)
	@EnableConfigurationProperties(SkyvernWebhookProperties.class)
	static class JdbcStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JdbcStoreSchema skyvernJdbcStoreSchema(SkyvernStoreProperties store, ObjectProvider<DataSource> dataSources) {
			DataSource dataSource = dataSources.getIfUnique();
			if (dataSource == null) {
				throw new SkyvernConfigurationException(TYPE,
						"the store type is jdbc but the application has no single DataSource",
						"Configure a DataSource (spring.datasource.url, or a DataSource bean; mark one @Primary if "
								+ "there are several), or set " + TYPE + "=memory (one instance) or redis.");
			}
			JdbcStoreSchema schema = new JdbcStoreSchema(store.getJdbc().getTablePrefix());
			SkyvernStoreProperties.InitializeSchema mode = store.getJdbc().getInitializeSchema();
			if (mode == SkyvernStoreProperties.InitializeSchema.ALWAYS
					|| (mode == SkyvernStoreProperties.InitializeSchema.EMBEDDED && JdbcStoreSchema.isEmbedded(dataSource))) {
				schema.create(dataSource);
			}
			return schema;
		}

		@Bean
		@ConditionalOnMissingBean(SkyvernWebhookIdempotencyStore.class)
		JdbcSkyvernWebhookIdempotencyStore skyvernWebhookIdempotencyStore(SkyvernStoreProperties store,
				SkyvernWebhookProperties webhooks, JdbcStoreSchema schema, ObjectProvider<DataSource> dataSources) {
			return new JdbcSkyvernWebhookIdempotencyStore(JdbcClient.create(dataSources.getObject()), schema,
					store.getLease(), webhooks.getDuplicateWindow(), Clock.systemUTC());
		}

		@Bean
		PeriodicTask skyvernJdbcStoreCleanup(SkyvernStoreProperties store,
				ObjectProvider<JdbcSkyvernWebhookIdempotencyStore> deliveries,
				ObjectProvider<JdbcRunFinishedSignals> signals) {
			return new PeriodicTask("skyvern-store-cleanup", store.getJdbc().getCleanupInterval(), () -> {
				deliveries.ifAvailable(JdbcSkyvernWebhookIdempotencyStore::deleteExpired);
				signals.ifAvailable(JdbcRunFinishedSignals::deleteExpired);
			});
		}

		@Bean
		@ConditionalOnMissingBean
		SkyvernRunRegistry skyvernRunRegistry(JdbcStoreSchema schema, ObjectProvider<DataSource> dataSources) {
			return new JdbcSkyvernRunRegistry(JdbcClient.create(dataSources.getObject()), schema, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		SkyvernRunFinishedSignals skyvernRunFinishedSignals(SkyvernStoreProperties store, JdbcStoreSchema schema,
				ObjectProvider<DataSource> dataSources) {
			DataSource dataSource = dataSources.getObject();
			SkyvernStoreProperties.Jdbc jdbc = store.getJdbc();
			if (jdbc.isListenNotify() && PostgresRunNotifications.isSupported(dataSource)) {
				return new JdbcRunFinishedSignals(JdbcClient.create(dataSource), schema,
						jdbc.getListenNotifyPollInterval(), store.getFinishedSignalTtl(), Clock.systemUTC(),
						new PostgresRunNotifications(dataSource, PostgresRunNotifications.channel(schema)));
			}
			return new JdbcRunFinishedSignals(JdbcClient.create(dataSource), schema, jdbc.getWaitPollInterval(),
					store.getFinishedSignalTtl(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = TYPE, havingValue = "redis")
	@ConditionalOnClass(StringRedisTemplate.class)
	@EnableConfigurationProperties(SkyvernWebhookProperties.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisStoreKeys skyvernRedisStoreKeys(SkyvernStoreProperties store,
				ObjectProvider<RedisConnectionFactory> connectionFactories) {
			if (connectionFactories.getIfUnique() == null) {
				throw new SkyvernConfigurationException(TYPE,
						"the store type is redis but the application has no single RedisConnectionFactory",
						"Add spring-boot-starter-data-redis and set spring.data.redis.* (localhost:6379 by default), "
								+ "or set " + TYPE + "=memory (one instance) or jdbc.");
			}
			return new RedisStoreKeys(store.getRedis().getKeyPrefix());
		}

		@Bean
		@ConditionalOnMissingBean
		SkyvernWebhookIdempotencyStore skyvernWebhookIdempotencyStore(SkyvernStoreProperties store,
				SkyvernWebhookProperties webhooks, RedisStoreKeys keys,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new RedisSkyvernWebhookIdempotencyStore(template(connectionFactory), keys, store.getLease(),
					webhooks.getDuplicateWindow());
		}

		@Bean
		@ConditionalOnMissingBean
		SkyvernRunRegistry skyvernRunRegistry(RedisStoreKeys keys,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new RedisSkyvernRunRegistry(template(connectionFactory), keys);
		}

		@Bean
		@ConditionalOnMissingBean
		SkyvernRunFinishedSignals skyvernRunFinishedSignals(SkyvernStoreProperties store, RedisStoreKeys keys,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new RedisRunFinishedSignals(template(connectionFactory), keys, store.getFinishedSignalTtl());
		}

		private static StringRedisTemplate template(ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new StringRedisTemplate(connectionFactory.getObject());
		}

	}

}
