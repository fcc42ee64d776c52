package io.github.skyvernstarter.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.skyvernstarter.client.SkyvernWebClientCustomizer;
import io.github.skyvernstarter.files.ReactiveSkyvernFileDownloader;
import io.github.skyvernstarter.files.SkyvernFileDownloader;
import io.github.skyvernstarter.model.FileInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.buffer.DataBufferUtils;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernFilesAutoConfiguration}.
 */
class SkyvernFilesAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension storage = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String KEY = "sk-files-autoconfig";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class, SkyvernFilesAutoConfiguration.class))
		.withPropertyValues("skyvern.api-key=" + KEY);

	@Test
	void providesBothDownloaders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReactiveSkyvernFileDownloader.class);
			assertThat(context).hasSingleBean(SkyvernFileDownloader.class);
		});
	}

	@Test
	void downloadsCarryNoneOfTheSkyvernClientsHeadersOrCustomizations() {
		storage.stubFor(get(urlEqualTo("/bucket/a.pdf")).willReturn(aResponse().withBody("pdf")));
		this.contextRunner
			.withBean(SkyvernWebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("x-skyvern-tenant", "acme"))
			.run((context) -> {
				context.getBean(ReactiveSkyvernFileDownloader.class)
					.stream(new FileInfo(storage.baseUrl() + "/bucket/a.pdf", null, "a.pdf", null, null, null))
					.map(DataBufferUtils::release)
					.blockLast();
				assertThat(storage.findAll(anyRequestedFor(anyUrl()))).singleElement().satisfies((request) -> {
					assertThat(request.containsHeader("x-api-key")).isFalse();
					assertThat(request.containsHeader("x-skyvern-tenant")).isFalse();
					assertThat(String.valueOf(request.getHeader("User-Agent")))
						.doesNotContain("skyvern-spring-boot-starter");
				});
			});
	}

	@Test
	void buildsNoHttpClientBeforeTheFirstDownload() {
		storage.stubFor(get(urlEqualTo("/bucket/b.pdf")).willReturn(aResponse().withBody("pdf")));
		AtomicInteger built = new AtomicInteger();
		ClientHttpConnectorBuilder<?> counting = (settings) -> {
			built.incrementAndGet();
			return ClientHttpConnectorBuilder.reactor().build(settings);
		};
		this.contextRunner.withBean(ClientHttpConnectorBuilder.class, () -> counting).run((context) -> {
			ReactiveSkyvernFileDownloader downloader = context.getBean(ReactiveSkyvernFileDownloader.class);
			assertThat(built).hasValue(0);
			downloader.stream(new FileInfo(storage.baseUrl() + "/bucket/b.pdf", null, "b.pdf", null, null, null))
				.map(DataBufferUtils::release)
				.blockLast();
			assertThat(built.get()).isPositive();
		});
	}

	@Test
	void failsAtStartupOnANonPositiveSizeLimit() {
		this.contextRunner.withPropertyValues("skyvern.files.max-size=0B").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("skyvern.files.max-size");
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesADownloader() {
		this.contextRunner
			.withBean("custom", ReactiveSkyvernFileDownloader.class,
					() -> new ReactiveSkyvernFileDownloader(org.springframework.web.reactive.function.client.WebClient
						.create(), "http://localhost:1", "k", org.springframework.util.unit.DataSize.ofBytes(1),
							java.time.Duration.ofSeconds(1), 0))
			.run((context) -> assertThat(context).getBeanNames(ReactiveSkyvernFileDownloader.class)
				.containsExactly("custom"));
	}

}
