package io.github.skyvernstarter.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;
import io.github.skyvernstarter.webhook.SkyvernWebhookReceiver;
import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the keys that verify webhooks: a placeholder, blank or malformed key fails startup the way
 * a missing key does, and a delivery signed with README's literal {@code ${SKYVERN_API_KEY}} never
 * reaches a listener.
 */
class SkyvernWebhookKeysAutoConfigurationTests {

	private static final String API_KEY = "sk-webhook-keys-api-key-2468";

	private static final String PLACEHOLDER = "${SKYVERN_API_KEY}";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SkyvernAutoConfiguration.class,
				SkyvernWebhookAutoConfiguration.class))
		.withUserConfiguration(WebhooksConfiguration.class);

	@Test
	void unresolvedApiKeyPlaceholderFailsEvenWithTheClientOffAndSigningKeysSet() {
		this.contextRunner
			.withPropertyValues("skyvern.enabled=false", "skyvern.api-key=" + PLACEHOLDER,
					"skyvern.webhooks.signing-keys=" + API_KEY)
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("no Skyvern API key is set")
					.contains("the environment variable SKYVERN_API_KEY is not set (skyvern.api-key)");
				assertThat(analysis.getAction()).contains("Set the environment variable SKYVERN_API_KEY");
			});
	}

	@Test
	void unresolvedSigningKeyPlaceholderFailsNamingTheEntryAndTheVariable() {
		this.contextRunner
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.signing-keys[0]=" + API_KEY + "-old",
					"skyvern.webhooks.signing-keys[1]=${SKYVERN_PREVIOUS_KEY}")
			.run((context) -> {
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("(skyvern.webhooks.signing-keys[1])")
					.contains("the environment variable SKYVERN_PREVIOUS_KEY is not set");
				assertThat(analysis.getAction()).contains("SKYVERN_PREVIOUS_KEY");
			});
	}

	@Test
	void blankOrMalformedSigningKeysFailNamingTheEntryWithoutShowingTheKey() {
		for (String entry : new String[] { " ", "sk-with space", "sk-with\ttab", "sk-with\u0000nul",
				"sk-with\u00a0nbsp" }) {
			this.contextRunner
				.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.signing-keys[0]=" + entry)
				.run((context) -> {
					FailureAnalysis analysis = analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).as(entry).contains("(skyvern.webhooks.signing-keys[0])");
					if (!entry.isBlank()) {
						assertThat(analysis.getDescription() + analysis.getAction()).as(entry).doesNotContain("sk-with");
					}
				});
		}
	}

	@Test
	void emptySigningKeysFromAnUnsetOptionalVariableMeanNoExtraKeys() {
		this.contextRunner
			.withPropertyValues("skyvern.api-key=" + API_KEY, "skyvern.webhooks.signing-keys=${SKYVERN_OLD_KEYS:}")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void deliverySignedWithTheLiteralPlaceholderNeverReachesAListener() {
		// A verifier built directly, past the startup checks, with README's unresolved key.
		this.contextRunner.withUserConfiguration(PlaceholderVerifierConfiguration.class, RecordingListener.class)
			.withPropertyValues("skyvern.api-key=" + API_KEY)
			.run((context) -> {
				SkyvernWebhookReceiver receiver = context.getBean(SkyvernWebhookReceiver.class);
				RecordingListener listener = context.getBean(RecordingListener.class);
				byte[] forged = body("wr_forged");
				assertThat(receiver.receive(headers(SkyvernWebhookVerifier.sign(forged, PLACEHOLDER)), forged).status())
					.isEqualTo(401);
				assertThat(listener.runIds).isEmpty();
				byte[] genuine = body("wr_genuine");
				assertThat(receiver.receive(headers(SkyvernWebhookVerifier.sign(genuine, API_KEY)), genuine).status())
					.isEqualTo(200);
				assertThat(listener.runIds).containsExactly("wr_genuine");
			});
	}

	private static FailureAnalysis analyze(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new SkyvernConfigurationFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	private static byte[] body(String runId) {
		return ("{\"run_id\":\"" + runId + "\",\"status\":\"completed\"}").getBytes(StandardCharsets.UTF_8);
	}

	private static HttpHeaders headers(String signature) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set(SkyvernWebhookVerifier.SIGNATURE_HEADER, signature);
		return headers;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSkyvernWebhooks
	static class WebhooksConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class PlaceholderVerifierConfiguration {

		@Bean
		SkyvernWebhookVerifier placeholderVerifier() {
			return new SkyvernWebhookVerifier(List.of(PLACEHOLDER, " " + PLACEHOLDER + " ", API_KEY));
		}

	}

	static class RecordingListener {

		final List<String> runIds = new CopyOnWriteArrayList<>();

		@EventListener
		void onRunFinished(SkyvernRunFinishedEvent event) {
			this.runIds.add(event.getRun().runId());
		}

	}

}
