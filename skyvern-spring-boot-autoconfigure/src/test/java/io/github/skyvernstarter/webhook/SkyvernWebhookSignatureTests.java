package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import javax.crypto.Mac;

import io.github.skyvernstarter.webhook.WebhookVectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Specification of {@link SkyvernWebhookSignature}, the one implementation of Skyvern's webhook
 * signature: it reproduces every vector Skyvern's own signing code produced.
 */
class SkyvernWebhookSignatureTests {

	static Stream<Vector> vectors() {
		return WebhookVectors.all().stream();
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void signsEveryVectorAsSkyvernDoes(Vector vector) {
		assertThat(SkyvernWebhookSignature.withKey(vector.apiKey()).sign(vector.body())).isEqualTo(vector.signature())
			.isEqualTo(WebhookVectors.hmacHex(vector.apiKey().getBytes(StandardCharsets.UTF_8), vector.body()));
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void matchesOnlyTheExactLowerCaseSignatureOfTheExactBody(Vector vector) {
		SkyvernWebhookSignature signature = SkyvernWebhookSignature.withKey(vector.apiKey());
		assertThat(signature.matches(vector.body(), vector.signature())).isTrue();
		assertThat(signature.matches(vector.reserializedBody(), vector.signature()))
			.isEqualTo(vector.reserializedMatches());
		assertThat(signature.matches(vector.body(), vector.signature().toUpperCase(Locale.ROOT))).isFalse();
		assertThat(signature.matches(vector.body(), vector.signature().substring(1))).isFalse();
		assertThat(SkyvernWebhookSignature.withKey(vector.apiKey() + "x").matches(vector.body(), vector.signature()))
			.isFalse();
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void aBodySignedInPartsHasTheSignatureOfTheWholeBody(Vector vector) {
		byte[] body = vector.body();
		int middle = body.length / 2;
		Mac primed = SkyvernWebhookSignature.withKey(vector.apiKey()).newMac();
		primed.update(Arrays.copyOfRange(body, 0, middle));
		assertThat(SkyvernWebhookSignature.toHex(primed.doFinal(Arrays.copyOfRange(body, middle, body.length))))
			.isEqualTo(vector.signature());
	}

	@Test
	void refusesAnEmptyKeyButSignsWithAnyOther() {
		assertThatIllegalArgumentException().isThrownBy(() -> SkyvernWebhookSignature.withKey(""));
		// Which keys deserve trust is the verifier's business: forgers' keys must sign, so tests can forge.
		assertThat(SkyvernWebhookSignature.withKey(" ").sign(new byte[0])).hasSize(SkyvernWebhookSignature.LENGTH);
	}

	@Test
	void toStringNeverShowsTheKey() {
		assertThat(SkyvernWebhookSignature.withKey("sk_secret_value")).hasToString("SkyvernWebhookSignature[key=******]");
	}

}
