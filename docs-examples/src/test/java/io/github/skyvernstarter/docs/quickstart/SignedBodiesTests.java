package io.github.skyvernstarter.docs.quickstart;

import java.net.URI;

import io.github.skyvernstarter.test.SkyvernWebhookSigner;
import io.github.skyvernstarter.test.WebhookDelivery;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test kit's signer on its own, as docs/testing.md shows it, against the quick start's receiver.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "skyvern.api-key=sk_test_key")
class SignedBodiesTests {

	@LocalServerPort
	private int port;

	@Autowired
	private InvoiceService invoices;

	@Test
	void aBodySignedWithTheApplicationsKeyIsPublishedAndOneSignedWithAnotherKeyIsRefused() {
		URI receiverUrl = URI.create("http://localhost:" + this.port + "/skyvern/webhooks");
		String body = "{\"run_id\":\"wr_signed_1\",\"status\":\"completed\",\"output\":{\"total\":1}}";
		// tag::signer[]
		SkyvernWebhookSigner signer = new SkyvernWebhookSigner("sk_test_key");
		String signature = signer.sign(body);                        // lowercase hex HMAC-SHA256 of the bytes
		WebhookDelivery delivery = signer.deliver(receiverUrl, body); // POST with Skyvern's headers
		// end::signer[]
		assertThat(signature).matches("[0-9a-f]{64}");
		assertThat(delivery.accepted()).isTrue();
		assertThat(this.invoices.invoice("wr_signed_1").total()).isEqualByComparingTo("1");
		assertThat(new SkyvernWebhookSigner("sk_other_key").deliver(receiverUrl, body).accepted()).isFalse();
	}

}
