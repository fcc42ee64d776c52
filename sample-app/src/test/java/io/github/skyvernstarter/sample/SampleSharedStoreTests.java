package io.github.skyvernstarter.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.github.skyvernstarter.store.SkyvernRunRegistry;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.Claim;
import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore.DeliveryKey;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample with each shared-store profile: two instances start, are healthy, and share their state
 * (a delivery one claims is in progress for the other). Each needs its service on loopback: without it
 * the case is skipped, and with {@code CI=true} it fails.
 */
class SampleSharedStoreTests {

	private final String prefix = "SMP" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
		.toUpperCase(Locale.ROOT) + "_";

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "redis, 6379", "postgres, 5432", "mariadb, 3306" })
	void twoInstancesWithTheProfileShareTheirState(String profile, int port) throws Exception {
		requireService(profile, port);
		try (ConfigurableApplicationContext first = start(profile);
				ConfigurableApplicationContext second = start(profile)) {
			for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] { first, second }) {
				assertThat(instance.getBean(HealthEndpoint.class).health().getStatus()).isEqualTo(Status.UP);
			}
			DeliveryKey key = new DeliveryKey("wr_" + this.prefix.toLowerCase(Locale.ROOT), "completed");
			assertThat(first.getBean(SkyvernWebhookIdempotencyStore.class).claim(key)).isEqualTo(Claim.CLAIMED);
			assertThat(second.getBean(SkyvernWebhookIdempotencyStore.class).claim(key)).isEqualTo(Claim.IN_PROGRESS);
			first.getBean(SkyvernWebhookIdempotencyStore.class).markProcessed(key);
			assertThat(second.getBean(SkyvernWebhookIdempotencyStore.class).claim(key))
				.isEqualTo(Claim.ALREADY_PROCESSED);
			assertThat(second.getBean(SkyvernRunRegistry.class).tryLease("sample-test", "second",
					java.time.Duration.ofSeconds(5))).isTrue();
			assertThat(first.getBean(SkyvernRunRegistry.class).tryLease("sample-test", "first",
					java.time.Duration.ofSeconds(5))).isFalse();
		}
		finally {
			if (!profile.equals("redis")) {
				dropTables(profile);
			}
		}
	}

	private ConfigurableApplicationContext start(String profile) {
		// Arguments, so that they win over application.yml (server.port: 8080).
		return new SpringApplicationBuilder(SampleApplication.class).profiles(profile)
			.run("--server.port=0", "--skyvern.api-key=", "--skyvern.store.jdbc.table-prefix=" + this.prefix,
					"--skyvern.store.redis.key-prefix=sample-test:" + this.prefix + ":");
	}

	private void dropTables(String profile) throws Exception {
		String url = profile.equals("postgres") ? "jdbc:postgresql://localhost:5432/test"
				: "jdbc:mariadb://localhost:3306/test";
		try (Connection connection = DriverManager.getConnection(url, profile.equals("postgres") ? "postgres" : "root",
				""); Statement statement = connection.createStatement()) {
			for (String table : new String[] { "DELIVERY", "RUN", "LEASE", "FINISHED" }) {
				statement.execute("DROP TABLE IF EXISTS " + this.prefix + table);
			}
		}
	}

	private static void requireService(String profile, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
		}
		catch (IOException ex) {
			String message = "The " + profile + " profile needs its service on 127.0.0.1:" + port + " ("
					+ ex.getMessage() + ")";
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + ": CI=true, so this test fails");
			}
			Assumptions.abort(message + ": skipped (set CI=true to fail instead)");
		}
	}

}
