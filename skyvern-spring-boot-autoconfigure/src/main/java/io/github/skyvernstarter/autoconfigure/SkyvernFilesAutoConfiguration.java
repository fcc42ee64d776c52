package io.github.skyvernstarter.autoconfigure;

import io.github.skyvernstarter.files.ReactiveSkyvernFileDownloader;
import io.github.skyvernstarter.files.SkyvernFileDownloader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for downloading the files Skyvern runs produced: a
 * {@link ReactiveSkyvernFileDownloader} and a {@link SkyvernFileDownloader}.
 * <p>
 * Their WebClient is built from Spring Boot's {@link WebClient.Builder} and connector, but without the
 * Skyvern WebClient's base URL, {@code User-Agent} and {@code SkyvernWebClientCustomizer}s: storage
 * providers receive nothing of Skyvern's. Redirects are never followed by the connector; the downloader
 * follows them itself, to the same scheme only.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SkyvernAutoConfiguration.class)
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "skyvern.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SkyvernProperties.class, SkyvernFilesProperties.class })
public final class SkyvernFilesAutoConfiguration {

	// Lazy, as the blocking downloader: created when first injected or looked up, not at startup.
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	ReactiveSkyvernFileDownloader reactiveSkyvernFileDownloader(SkyvernProperties properties,
			SkyvernFilesProperties files, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader) {
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withConnectTimeout(properties.getConnectTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		ClientHttpConnectorBuilder<?> connectors = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		// Built on the first download, like the Skyvern WebClient: Boot's builder brings its shared HTTP
		// connector, a large part of the starter's share of startup, for downloads an application may never make.
		WebClient webClient = new LazyWebClient(() -> {
			// Boot's builder is a prototype: this copy is the downloader's own, with none of Skyvern's settings.
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
			builder.clientConnector(connectors.build(settings));
			return builder.build();
		});
		return new ReactiveSkyvernFileDownloader(webClient, properties.getBaseUrl(), properties.requireApiKey(),
				files.getMaxSize(), files.getReadTimeout(), files.getMaxRetries());
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean
	SkyvernFileDownloader skyvernFileDownloader(ReactiveSkyvernFileDownloader reactive) {
		return new SkyvernFileDownloader(reactive);
	}

}
