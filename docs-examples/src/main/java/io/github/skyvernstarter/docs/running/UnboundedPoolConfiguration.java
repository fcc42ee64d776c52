package io.github.skyvernstarter.docs.running;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UnboundedPoolConfiguration {

	@Bean
	ClientHttpConnectorBuilder<?> clientHttpConnectorBuilder() {
		ConnectionProvider pool = ConnectionProvider.builder("skyvern")
			.maxConnections(500)
			.pendingAcquireMaxCount(-1)
			.build();
		return ClientHttpConnectorBuilder.reactor().withHttpClientFactory(() -> HttpClient.create(pool));
	}

}
