package io.github.skyvernstarter.benchmarks;

import java.util.Map;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client under the Skyvern WebClient, chosen per measurement: Boot's detected default
 * (Reactor Netty with its shared pool), Reactor Netty with an unbounded queue for a pooled
 * connection, or the JDK's HttpClient (what a servlet application without Reactor Netty gets).
 */
final class Connectors {

	static final String DEFAULT = "reactor-default-pool";

	static final String REACTOR_UNBOUNDED_QUEUE = "reactor-unbounded-queue";

	static final String JDK = "jdk";

	private Connectors() {
	}

	static Class<?>[] configuration(String connector) {
		return switch (connector) {
			case DEFAULT -> new Class<?>[0];
			case REACTOR_UNBOUNDED_QUEUE -> new Class<?>[] { ReactorUnboundedQueue.class };
			case JDK -> new Class<?>[] { Jdk.class };
			default -> throw new IllegalArgumentException("Unknown connector " + connector);
		};
	}

	static String describe(String connector) {
		return Map.of(DEFAULT, "Reactor Netty, Boot's default (shared pool: 500 connections, 1,000 queued acquires)",
				REACTOR_UNBOUNDED_QUEUE, "Reactor Netty, pool of 500 connections with an unbounded acquire queue",
				JDK, "JDK HttpClient (Boot's choice when Reactor Netty is absent)")
			.get(connector);
	}

	@Configuration(proxyBeanMethods = false)
	static class ReactorUnboundedQueue {

		@Bean
		ClientHttpConnectorBuilder<?> skyvernBenchConnector() {
			// Boot's default pool queues at most 2 x 500 acquires and fails the rest at once.
			ConnectionProvider pool = ConnectionProvider.builder("skyvern-bench")
				.maxConnections(500)
				.pendingAcquireMaxCount(-1)
				.build();
			return ClientHttpConnectorBuilder.reactor().withHttpClientFactory(() -> HttpClient.create(pool));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Jdk {

		@Bean
		ClientHttpConnectorBuilder<?> skyvernBenchConnector() {
			return ClientHttpConnectorBuilder.jdk();
		}

	}

}
