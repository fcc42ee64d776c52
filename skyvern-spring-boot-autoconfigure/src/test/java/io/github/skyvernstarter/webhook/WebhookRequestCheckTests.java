package io.github.skyvernstarter.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;

import static io.github.skyvernstarter.webhook.SkyvernWebhookReceiverTests.runBody;
import static io.github.skyvernstarter.webhook.SkyvernWebhookReceiverTests.signed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookRequestCheck}, what the receiver checks before reading a body.
 */
class WebhookRequestCheckTests {

	private static final String KEY = "sk-receiver-secret-0815";

	private static final long MAX_BODY = 4096;

	private final WebhookRequestCheck check = new WebhookRequestCheck(MAX_BODY);

	@ParameterizedTest
	@ValueSource(strings = { "GET", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" })
	void answers405WithAllowForOtherMethods(String method) {
		SkyvernWebhookResponse response = this.check.check(method, signed(runBody("wr_1", "completed"), KEY));
		assertThat(response).isNotNull();
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.headers()).containsEntry("Allow", "POST");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
			"*/*", "application/*", "json", "application/xml", ";;;" })
	void answers415ForOtherContentTypes(String contentType) {
		HttpHeaders headers = signed(runBody("wr_1", "completed"), KEY);
		headers.set("Content-Type", contentType);
		assertThat(this.check.check("POST", headers)).extracting(SkyvernWebhookResponse::status)
			.isEqualTo(415);
	}

	@Test
	void answers415WithoutContentType() {
		HttpHeaders headers = signed(runBody("wr_1", "completed"), KEY);
		headers.remove("Content-Type");
		assertThat(this.check.check("POST", headers)).extracting(SkyvernWebhookResponse::status)
			.isEqualTo(415);
	}

	@ParameterizedTest
	@ValueSource(strings = { "application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
			"application/vnd.skyvern+json" })
	void acceptsJsonContentTypes(String contentType) {
		HttpHeaders headers = signed(runBody("wr_1", "completed"), KEY);
		headers.set("Content-Type", contentType);
		assertThat(this.check.check("POST", headers)).isNull();
	}

	@Test
	void answers413WhenDeclaredLengthIsOverTheLimitBeforeReading() {
		HttpHeaders headers = signed(runBody("wr_1", "completed"), KEY);
		headers.setContentLength(MAX_BODY + 1);
		assertThat(this.check.check("POST", headers)).extracting(SkyvernWebhookResponse::status)
			.isEqualTo(413);
		headers.setContentLength(MAX_BODY);
		assertThat(this.check.check("POST", headers)).isNull();
	}

	@Test
	void malformedDeclaredLengthIsLeftToTheReadLimit() {
		HttpHeaders headers = signed(runBody("wr_1", "completed"), KEY);
		headers.set("Content-Length", "12abc");
		assertThat(this.check.check("POST", headers)).isNull();
	}

	@Test
	void answers413ForBodyOverTheLimitAfterReading() {
		assertThat(this.check.isTooLarge(new byte[(int) MAX_BODY])).isFalse();
		assertThat(this.check.isTooLarge(new byte[(int) MAX_BODY + 1])).isTrue();
		assertThat(WebhookRequestCheck.bodyTooLarge().status()).isEqualTo(413);
	}

}
