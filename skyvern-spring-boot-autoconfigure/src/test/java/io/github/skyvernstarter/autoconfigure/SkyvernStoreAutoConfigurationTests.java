package io.github.skyvernstarter.autoconfigure;

import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.store.InMemorySkyvernRunRegistry;
import io.github.skyvernstarter.store.RunTagCustomizer;
import io.github.skyvernstarter.store.SharedRunCompletionSource;
import io.github.skyvernstarter.store.SkyvernRunReconciler;
import io.github.skyvernstarter.store.SkyvernRunRegistry;
import io.github.skyvernstarter.store.jdbc.JdbcSkyvernRunRegistry;
import io.github.skyvernstarter.store.jdbc.JdbcSkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.InMemorySkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookRunCompletionSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernStoreAutoConfiguration} and {@link SkyvernReconcilerAutoConfiguration}.
 */
class SkyvernStoreAutoConfigurationTests {

	private static final String API_KEY = "sk-store-api-key-1234";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class, SkyvernStoreAutoConfiguration.class,
				SkyvernSharedWaitAutoConfiguration.class,
				SkyvernWebhookAutoConfiguration.class, SkyvernReconcilerAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=" + API_KEY);

	@Test
	void keepsEverythingInMemoryByDefault() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(InMemorySkyvernWebhookIdempotencyStore.class);
			assertThat(context).hasSingleBean(InMemorySkyvernRunRegistry.class);
			assertThat(context.getBean(RunCompletionSource.class)).isInstanceOf(SkyvernWebhookRunCompletionSource.class);
			assertThat(context).hasSingleBean(SkyvernRunReconciler.class);
		});
	}

	@Test
	void turnsTheReconcilerOffWithItsProperty() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.reconciler.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(SkyvernRunReconciler.class);
				assertThat(context).doesNotHaveBean(RunTagCustomizer.class);
			});
	}

	@Test
	void tagsEveryRunWithTheApplicationName() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("spring.application.name=order service")
			.run((context) -> {
				RunWorkflowRequest tagged = context.getBean(RunTagCustomizer.class)
					.customize(RunWorkflowRequest.builder("wpid_1").build());
				assertThat(tagged.runMetadata()).containsEntry("spring-app", "order-service");
			});
	}

	@Test
	void usesTheDataSourceWithStoreTypeJdbcAndCreatesTheTablesInAnEmbeddedDatabase() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("skyvern.store.type=jdbc", "spring.datasource.url=jdbc:h2:mem:store-autoconfig")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JdbcSkyvernWebhookIdempotencyStore.class);
				assertThat(context).hasSingleBean(SkyvernWebhookIdempotencyStore.class);
				assertThat(context.getBean(SkyvernRunRegistry.class)).isInstanceOf(JdbcSkyvernRunRegistry.class);
				assertThat(context.getBean(RunCompletionSource.class)).isInstanceOf(SharedRunCompletionSource.class);
				assertThat(context).hasSingleBean(SkyvernWebhookRunCompletionSource.class);
				assertThat(context.getBean(SkyvernWebhookIdempotencyStore.class)
					.claim(new SkyvernWebhookIdempotencyStore.DeliveryKey("wr_1", "completed")))
					.isEqualTo(SkyvernWebhookIdempotencyStore.Claim.CLAIMED);
			});
	}

	@Test
	void failsWithStoreTypeJdbcButNoDataSource() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.store.type=jdbc")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("the store type is jdbc but the application has no single DataSource"));
	}

	@Test
	void failsWithStoreTypeJdbcButNoSpringJdbc() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withClassLoader(new FilteredClassLoader(JdbcClient.class))
			.withPropertyValues("skyvern.store.type=jdbc")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("spring-jdbc is not on the class path"));
	}

	@Test
	void failsWithStoreTypeRedisButNoSpringDataRedis() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("skyvern.store.type=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("Spring Data Redis is not on the class path"));
	}

	@Test
	void failsWithStoreTypeRedisButNoConnectionFactory() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.store.type=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("no single RedisConnectionFactory"));
	}

	@Test
	void failsWhenTheReconcilerIsEnabledWithoutWebhooks() {
		this.contextRunner.withPropertyValues("skyvern.reconciler.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("the reconciler is enabled but webhooks are not"));
	}

	@Test
	void refusesATagThatSkyvernCannotFilterOn() {
		this.contextRunner.withUserConfiguration(WebhooksConfiguration.class)
			.withPropertyValues("skyvern.reconciler.tag=skyvern-app:a,b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("skyvern.reconciler.tag"));
	}

	@Test
	void refusesATablePrefixThatIsNotAnIdentifier() {
		this.contextRunner.withPropertyValues("skyvern.store.jdbc.table-prefix=x; DROP TABLE y")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(SkyvernConfigurationException.class)
				.hasMessageContaining("skyvern.store.jdbc.table-prefix"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

}
