package io.github.skyvernstarter.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executor;

import io.github.skyvernstarter.client.ConcurrencyLimitedClientHttpConnector;
import io.github.skyvernstarter.client.DrainingClientHttpConnector;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.client.SkyvernInstrumentation;
import io.github.skyvernstarter.client.SkyvernRunStartListener;
import io.github.skyvernstarter.client.SkyvernWebClientCustomizer;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.retry.SkyvernRetryListener;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for running Skyvern workflows: a {@link SkyvernWorkflowTemplate} and a
 * {@link ReactiveSkyvernWorkflowTemplate} over a {@link SkyvernApiClient}.
 * <p>
 * The WebClient is built from Spring Boot's {@link WebClient.Builder}, so the application's
 * {@code WebClientCustomizer}s, codecs and {@code http.client.requests} observations apply, and from
 * Boot's {@link ClientHttpConnectorBuilder}, so the application's choice of HTTP client applies
 * (Reactor Netty, Jetty, Apache, or the JDK's HttpClient when none is present), with redirects never
 * followed whatever {@code spring.http.clients.redirects} says: a redirect would carry the API key and
 * the run request to another origin.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { WebClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class })
@ConditionalOnClass(WebClient.class)
@ConditionalOnBooleanProperty(name = "skyvern.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ SkyvernProperties.class, SkyvernRunStartProperties.class })
public final class SkyvernAutoConfiguration {

	/** The most exchanges the starter's JDK HttpClient has in flight at once, as many connections. */
	static final int JDK_MAX_IN_FLIGHT = 500;

	static final String USER_AGENT = "skyvern-spring-boot-starter/" + version();

	@Bean
	@ConditionalOnMissingBean
	SkyvernApiClient skyvernApiClient(SkyvernProperties properties, ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ResourceLoader resourceLoader,
			ObjectProvider<SkyvernWebClientCustomizer> customizers, SkyvernRetryPolicy retryPolicy) {
		String apiKey = properties.requireApiKey();
		HttpClientSettings settings = httpClientSettings.getIfAvailable(HttpClientSettings::defaults)
			.withConnectTimeout(properties.getConnectTimeout())
			.withRedirects(HttpRedirects.DONT_FOLLOW);
		ClientHttpConnectorBuilder<?> detected = connectorBuilder
			.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader()));
		// The JDK's HttpClient runs its callbacks on a cached thread pool by default, which grows with
		// the calls in flight; the starter's own client gets a fixed one. Only the copy built here changes.
		Executor jdkExecutor = (detected instanceof JdkClientHttpConnectorBuilder) ? JdkHttpClientExecutor.create()
				: null;
		ClientHttpConnectorBuilder<?> connectors = (detected instanceof JdkClientHttpConnectorBuilder jdk
				&& jdkExecutor != null) ? jdk.withExecutor(jdkExecutor) : detected;
		// Built on the first call: the HTTP client is most of the starter's share of startup.
		WebClient webClient = new LazyWebClient(() -> {
			// Boot's builder is a prototype: this copy is ours, and the application's builder is untouched.
			WebClient.Builder builder = webClientBuilder.getIfAvailable(WebClient::builder);
			ClientHttpConnector connector = connectors.build(settings);
			builder.clientConnector(releasingCancelledBodies(connector, properties.getMaxResponseSize(), jdkExecutor));
			builder.baseUrl(baseUrl(properties)).defaultHeader(HttpHeaders.USER_AGENT, USER_AGENT);
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder.build();
		});
		SkyvernProperties.Retry retry = properties.getRetry();
		return SkyvernApiClient.builder(webClient, apiKey)
			.responseTimeout(properties.getResponseTimeout())
			.maxResponseSize(properties.getMaxResponseSize())
			.maxRetries(retry.isEnabled() ? retry.getMaxRetries() : 0)
			.retryPolicy(retryPolicy)
			.build();
	}

	private static String baseUrl(SkyvernProperties properties) {
		String url = properties.getBaseUrl().strip();
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	/**
	 * Spring's JDK connector leaves a connection open and unread when its body is cancelled; the
	 * others close it. The drain stops at twice the response size limit: an answer is at most a little
	 * over the limit, and a longer one is treated as endless. The JDK's client also opens a connection
	 * per exchange in flight, without a pool limit: the starter's is bounded like Reactor Netty's pool.
	 * Where the JDK would run each response's processing on a thread of its own, it is handed to the
	 * client's executor (see {@link JdkHttpClientExecutor#completesOnThreadPerTask()}).
	 */
	private static ClientHttpConnector releasingCancelledBodies(ClientHttpConnector connector, DataSize limit,
			@Nullable Executor jdkExecutor) {
		if (!(connector instanceof JdkClientHttpConnector)) {
			return connector;
		}
		ClientHttpConnector completing = (jdkExecutor != null && JdkHttpClientExecutor.completesOnThreadPerTask())
				? JdkHttpClientExecutor.handOff(connector, jdkExecutor) : connector;
		return new DrainingClientHttpConnector(new ConcurrencyLimitedClientHttpConnector(completing, JDK_MAX_IN_FLIGHT),
				DataSize.ofBytes(2 * limit.toBytes()));
	}

	@Bean
	@ConditionalOnMissingBean
	SkyvernRetryPolicy skyvernRetryPolicy(SkyvernProperties properties,
			ObjectProvider<SkyvernRetryListener> retryListeners) {
		SkyvernProperties.Retry retry = properties.getRetry();
		if (!retry.isEnabled() || retry.getMaxRetries() == 0) {
			return SkyvernRetryPolicy.none();
		}
		List<SkyvernRetryListener> listeners = retryListeners.orderedStream().toList();
		return DefaultSkyvernRetryPolicy.builder()
			.initialDelay(retry.getInitialDelay())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxDelay())
			.jitter(retry.getJitter())
			.maxRetryAfter(retry.getMaxRetryAfter())
			.listener((operation, failure, attempt, delay) -> listeners
				.forEach((listener) -> listener.onRetry(operation, failure, attempt, delay)))
			.build();
	}

	// Lazy, as the templates below: created when first injected or looked up, not at startup, where they
	// and the classes they load are most of the rest of the starter's share. Their settings are checked
	// at startup all the same (the properties' own checks).
	@Bean
	@Lazy
	@ConditionalOnMissingBean(ReactiveSkyvernWorkflowOperations.class)
	ReactiveSkyvernWorkflowTemplate reactiveSkyvernWorkflowTemplate(SkyvernApiClient client,
			SkyvernProperties properties, ObjectProvider<RunCompletionSource> completionSource,
			ObjectProvider<RunWorkflowRequestCustomizer> requestCustomizers,
			ObjectProvider<SkyvernInstrumentation> instrumentation, SkyvernRunStartProperties runStarts,
			ObjectProvider<SkyvernWebhookUrlCustomizer> webhookUrl,
			ObjectProvider<SkyvernRunStartListener> startListeners) {
		return ReactiveSkyvernWorkflowTemplate.builder(client)
			.waitSettings(new ReactiveSkyvernWorkflowTemplate.WaitSettings(properties.getWaitTimeout(),
					properties.getPollInterval()))
			.completionSource(completionSource.getIfUnique())
			.requestCustomizers(requestCustomizers.orderedStream().toList())
			.instrumentation(instrumentation.getIfAvailable(SkyvernInstrumentation::none))
			.startListeners(startListeners.orderedStream().toList())
			.runStartSettings(runStarts.toSettings())
			.taskWebhookUrl(taskWebhookUrl(webhookUrl.getIfUnique()))
			.build();
	}

	/** Task runs get the receiver's URL directly: the customizers adjust workflow run requests. */
	private static @Nullable String taskWebhookUrl(@Nullable SkyvernWebhookUrlCustomizer customizer) {
		return (customizer != null) ? customizer.getWebhookUrl() : null;
	}

	@Bean
	@Lazy
	@ConditionalOnMissingBean(SkyvernWorkflowOperations.class)
	SkyvernWorkflowTemplate skyvernWorkflowTemplate(ReactiveSkyvernWorkflowOperations reactive) {
		return new SkyvernWorkflowTemplate(reactive);
	}

	private static String version() {
		try (InputStream in = SkyvernApiClient.class.getResourceAsStream("skyvern-starter-version.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
