package io.github.skyvernstarter.webhook;

import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SkyvernWebhookUrlCustomizer}.
 */
class SkyvernWebhookUrlCustomizerTests {

	@ParameterizedTest
	@CsvSource({ "https://app.example.com, https://app.example.com/skyvern/webhooks",
			"https://app.example.com/, https://app.example.com/skyvern/webhooks",
			"https://app.example.com:8443/shop, https://app.example.com:8443/shop/skyvern/webhooks",
			"https://app.example.com/skyvern/webhooks, https://app.example.com/skyvern/webhooks",
			"https://app.example.com/skyvern/webhooks/, https://app.example.com/skyvern/webhooks",
			"https://app.example.com/shop/skyvern/webhooks, https://app.example.com/shop/skyvern/webhooks",
			"https://app.example.com/myskyvern/webhooks, https://app.example.com/myskyvern/webhooks/skyvern/webhooks",
			"'  http://app.example.com  ', http://app.example.com/skyvern/webhooks" })
	void joinsBaseUrlWithPathUnlessItAlreadyEndsWithIt(String publicUrl, String expected) {
		assertThat(SkyvernWebhookUrlCustomizer.webhookUrl(publicUrl, "/skyvern/webhooks")).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "https://app.example.com, https://app.example.com/app/skyvern/webhooks",
			"https://app.example.com/, https://app.example.com/app/skyvern/webhooks",
			"https://app.example.com/app, https://app.example.com/app/skyvern/webhooks",
			"https://app.example.com/app/, https://app.example.com/app/skyvern/webhooks",
			"https://app.example.com/proxy, https://app.example.com/proxy/app/skyvern/webhooks",
			"https://app.example.com/myapp, https://app.example.com/myapp/app/skyvern/webhooks",
			"https://app.example.com/app/skyvern/webhooks, https://app.example.com/app/skyvern/webhooks",
			"https://app.example.com/skyvern/webhooks, https://app.example.com/skyvern/webhooks" })
	void addsTheBasePathOnceUnlessThePublicUrlIsTheReceiversFullUrl(String publicUrl, String expected) {
		assertThat(SkyvernWebhookUrlCustomizer.webhookUrl(publicUrl, "/app", "/skyvern/webhooks")).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "app.example.com", "ftp://app.example.com", "https://", "https://app.example.com?x=1",
			"https://app.example.com/#hooks", "https://app example.com" })
	void rejectsUrlsSkyvernCannotCall(String publicUrl) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SkyvernWebhookUrlCustomizer.webhookUrl(publicUrl, "/skyvern/webhooks"));
	}

	@Test
	void fillsWebhookUrlWhenRequestHasNone() {
		SkyvernWebhookUrlCustomizer customizer = new SkyvernWebhookUrlCustomizer("https://app.example.com/hooks");
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1").parameter("a", 1).waitForCompletion().build();
		RunWorkflowRequest customized = customizer.customize(request);
		assertThat(customized.webhookUrl()).isEqualTo("https://app.example.com/hooks");
		assertThat(customized.toBuilder().webhookUrl("x").build())
			.isEqualTo(request.toBuilder().webhookUrl("x").build());
	}

	@Test
	void keepsTheRequestsOwnWebhookUrl() {
		SkyvernWebhookUrlCustomizer customizer = new SkyvernWebhookUrlCustomizer("https://app.example.com/hooks");
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1").webhookUrl("https://other.example/h").build();
		assertThat(customizer.customize(request)).isSameAs(request);
	}

}
