package io.github.skyvernstarter.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.github.skyvernstarter.webhook.SkyvernWebhookVerifier.Verification;
import io.github.skyvernstarter.webhook.WebhookVectors.Vector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Specification of {@link SkyvernWebhookVerifier}: every vector Skyvern's own signing code produced
 * verifies, and each single change to it does not.
 */
class SkyvernWebhookVerifierTests {

	static Stream<Vector> vectors() {
		return WebhookVectors.all().stream();
	}

	private static SkyvernWebhookVerifier verifierFor(Vector vector) {
		return new SkyvernWebhookVerifier(List.of(vector.apiKey()));
	}

	@Test
	void vectorsCoverTheCasesTheTestsRelyOn() {
		assertThat(WebhookVectors.all()).hasSizeGreaterThanOrEqualTo(7);
		assertThat(WebhookVectors.all()).anySatisfy((vector) -> assertThat(new String(vector.body(),
				StandardCharsets.UTF_8)).contains("Zürich"));
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void acceptsVector(Vector vector) {
		assertThat(verifierFor(vector).verify(vector.body(), vector.headers().get("x-skyvern-signature"),
				vector.headers().get("x-skyvern-timestamp")))
			.isEqualTo(Verification.VALID);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void signProducesSkyvernsSignature(Vector vector) {
		assertThat(SkyvernWebhookVerifier.sign(vector.body(), vector.apiKey())).isEqualTo(vector.signature());
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsBodyWithOneByteChanged(Vector vector) {
		SkyvernWebhookVerifier verifier = verifierFor(vector);
		for (int index : new int[] { 0, vector.body().length / 2, vector.body().length - 1 }) {
			byte[] tampered = vector.body().clone();
			tampered[index] ^= 0x01;
			assertThat(verifier.verify(tampered, vector.signature(), vector.timestamp()))
				.as("byte %d changed", index)
				.isEqualTo(Verification.INVALID_SIGNATURE);
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsReserializedBody(Vector vector) {
		SkyvernWebhookVerifier verifier = verifierFor(vector);
		// The vector's own HMAC over the re-serialized JSON shows the key is right; only the bytes differ.
		assertThat(WebhookVectors.hmacHex(vector.apiKey().getBytes(StandardCharsets.UTF_8), vector.reserializedBody()))
			.isEqualTo(vector.hmacOverReserializedBody());
		if (vector.reserializedMatches()) {
			// '{}' re-serializes to itself in Python: there is no different body to reject.
			assertThat(vector.reserializedBody()).isEqualTo(vector.body());
		}
		else {
			assertThat(verifier.verify(vector.reserializedBody(), vector.signature(), vector.timestamp()))
				.isEqualTo(Verification.INVALID_SIGNATURE);
		}
		// Re-serialized on this side, as a receiver that parsed first would do: also rejected.
		byte[] reserializedHere = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.build()
			.writeValueAsBytes(JsonMapper.builder().build().readTree(vector.body()));
		assertThat(reserializedHere).isNotEqualTo(vector.body());
		assertThat(verifier.verify(reserializedHere, vector.signature(), vector.timestamp()))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsWrongKey(Vector vector) {
		for (String wrongKey : new String[] { vector.apiKey() + "x", vector.apiKey().substring(1),
				vector.apiKey().toUpperCase(Locale.ROOT) + "_", "sk-some-other-key" }) {
			assertThat(new SkyvernWebhookVerifier(List.of(wrongKey)).verify(vector.body(), vector.signature(),
					vector.timestamp()))
				.as(wrongKey)
				.isEqualTo(Verification.INVALID_SIGNATURE);
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsEmptyKey(Vector vector) {
		String signedWithEmptyKey = WebhookVectors.hmacHex(new byte[0], vector.body());
		for (String emptyKey : new String[] { "", " ", "\t\n" }) {
			SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(List.of(emptyKey));
			assertThat(verifier.hasKeys()).isFalse();
			assertThat(verifier.verify(vector.body(), vector.signature(), vector.timestamp()))
				.isEqualTo(Verification.INVALID_SIGNATURE);
			assertThat(verifier.verify(vector.body(), signedWithEmptyKey, vector.timestamp()))
				.isEqualTo(Verification.INVALID_SIGNATURE);
		}
		// A delivery signed with an empty key does not pass a verifier that has the real key.
		assertThat(verifierFor(vector).verify(vector.body(), signedWithEmptyKey, vector.timestamp()))
			.isEqualTo(Verification.INVALID_SIGNATURE);
		assertThat(new SkyvernWebhookVerifier(List.of("", vector.apiKey())).verify(vector.body(), signedWithEmptyKey,
				vector.timestamp()))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsUnresolvedPlaceholderAndMalformedKeysEvenWhenConstructedDirectly(Vector vector) {
		// README's ${SKYVERN_API_KEY} with the variable unset is a public string: anyone can sign with it.
		for (String unusable : new String[] { "${SKYVERN_API_KEY}", " ${SKYVERN_API_KEY}\n", "sk_${SUFFIX}",
				"sk two", "sk\u0000nul", "sk\u00a0nbsp" }) {
			String forged = SkyvernWebhookVerifier.sign(vector.body(), unusable);
			SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(List.of(unusable));
			assertThat(verifier.hasKeys()).as(unusable).isFalse();
			assertThat(verifier.verify(vector.body(), forged, vector.timestamp())).as(unusable)
				.isEqualTo(Verification.INVALID_SIGNATURE);
			SkyvernWebhookVerifier withRealKey = new SkyvernWebhookVerifier(List.of(unusable, vector.apiKey()));
			assertThat(withRealKey.verify(vector.body(), forged, vector.timestamp())).as(unusable)
				.isEqualTo(Verification.INVALID_SIGNATURE);
			assertThat(withRealKey.verify(vector.body(), vector.signature(), vector.timestamp())).as(unusable)
				.isEqualTo(Verification.VALID);
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsSameLengthForgedSignature(Vector vector) {
		SkyvernWebhookVerifier verifier = verifierFor(vector);
		char[] lastDigitChanged = vector.signature().toCharArray();
		lastDigitChanged[63] = (lastDigitChanged[63] == '0') ? '1' : '0';
		char[] firstDigitChanged = vector.signature().toCharArray();
		firstDigitChanged[0] = (firstDigitChanged[0] == 'f') ? 'e' : 'f';
		for (String forged : new String[] { new String(lastDigitChanged), new String(firstDigitChanged), "0".repeat(64),
				WebhookVectors.hmacHex("forger".getBytes(StandardCharsets.UTF_8), vector.body()) }) {
			assertThat(forged).hasSize(64);
			assertThat(verifier.verify(vector.body(), forged, vector.timestamp())).as(forged)
				.isEqualTo(Verification.INVALID_SIGNATURE);
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsMissingSignature(Vector vector) {
		assertThat(verifierFor(vector).verify(vector.body(), null, vector.timestamp()))
			.isEqualTo(Verification.MISSING_SIGNATURE);
		assertThat(verifierFor(vector).verify(vector.body(), "", vector.timestamp()))
			.isEqualTo(Verification.MISSING_SIGNATURE);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsUpperCaseHexBecauseSkyvernWritesLowerCaseOnly(Vector vector) {
		assertThat(verifierFor(vector).verify(vector.body(), vector.signature().toUpperCase(Locale.ROOT),
				vector.timestamp()))
			.isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void rejectsSignatureWithPrefixOrPaddingOrOtherEncoding(Vector vector) {
		SkyvernWebhookVerifier verifier = verifierFor(vector);
		for (String variant : new String[] { "sha256=" + vector.signature(), vector.signature() + " ",
				vector.signature().substring(0, 63), vector.signature() + vector.signature(),
				java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(vector.signature())) }) {
			assertThat(verifier.verify(vector.body(), variant, vector.timestamp())).as(variant)
				.isEqualTo(Verification.INVALID_SIGNATURE);
		}
	}

	@ParameterizedTest
	@MethodSource("vectors")
	void acceptsAnyOfSeveralKeysSoThatARotationDropsNothing(Vector vector) {
		SkyvernWebhookVerifier rotating = new SkyvernWebhookVerifier(List.of("sk-new-key", vector.apiKey()));
		assertThat(rotating.verify(vector.body(), vector.signature(), vector.timestamp()))
			.isEqualTo(Verification.VALID);
		byte[] body = "{\"run_id\":\"wr_rot\",\"status\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
		assertThat(rotating.verify(body, SkyvernWebhookVerifier.sign(body, "sk-new-key"), null))
			.isEqualTo(Verification.VALID);
	}

	@Test
	void ignoresTimestampUnlessAFreshnessWindowIsSet() {
		Vector epochDayOne = vector("v6_empty_object");
		assertThat(verifierFor(epochDayOne).verify(epochDayOne.body(), epochDayOne.signature(), "86400"))
			.isEqualTo(Verification.VALID);
		assertThat(verifierFor(epochDayOne).verify(epochDayOne.body(), epochDayOne.signature(), null))
			.isEqualTo(Verification.VALID);
		assertThat(verifierFor(epochDayOne).verify(epochDayOne.body(), epochDayOne.signature(), "not a number"))
			.isEqualTo(Verification.VALID);
	}

	@Test
	void freshnessWindowAcceptsTimestampsWithinToleranceOfTheClock() {
		Vector v1 = vector("v1_docs_test_fixture");
		Clock atSend = Clock.fixed(frozenNow(v1).plusSeconds(30), ZoneOffset.UTC);
		SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(List.of(v1.apiKey()), Duration.ofMinutes(5),
				atSend);
		assertThat(verifier.verify(v1.body(), v1.signature(), v1.timestamp())).isEqualTo(Verification.VALID);
		SkyvernWebhookVerifier later = new SkyvernWebhookVerifier(List.of(v1.apiKey()), Duration.ofMinutes(5),
				Clock.fixed(frozenNow(v1).plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
		assertThat(later.verify(v1.body(), v1.signature(), v1.timestamp())).isEqualTo(Verification.STALE_TIMESTAMP);
	}

	@Test
	void freshnessWindowRejectsTheTimeZoneSkewedTimestampOfANonUtcServer() {
		// v7 was sent at the same moment as v1, by a server whose time zone shifted the header by 4 hours.
		Vector v7 = vector("v7_timestamp_on_non_utc_server");
		Instant sentAt = frozenNow(v7);
		assertThat(Duration.between(sentAt, SkyvernWebhookVerifier.parseTimestamp(v7.timestamp())))
			.isEqualTo(Duration.ofHours(4));
		Clock atSend = Clock.fixed(sentAt, ZoneOffset.UTC);
		assertThat(new SkyvernWebhookVerifier(List.of(v7.apiKey()), Duration.ofMinutes(5), atSend).verify(v7.body(),
				v7.signature(), v7.timestamp()))
			.isEqualTo(Verification.STALE_TIMESTAMP);
		// Only a tolerance wider than any time zone offset accepts every honest server.
		assertThat(new SkyvernWebhookVerifier(List.of(v7.apiKey()), Duration.ofHours(15), atSend).verify(v7.body(),
				v7.signature(), v7.timestamp()))
			.isEqualTo(Verification.VALID);
	}

	@Test
	void freshnessWindowRejectsMissingOrUnreadableTimestamp() {
		Vector v1 = vector("v1_docs_test_fixture");
		SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(List.of(v1.apiKey()), Duration.ofHours(15),
				Clock.fixed(frozenNow(v1), ZoneOffset.UTC));
		for (String timestamp : new String[] { null, "", "soon", "1787423712.5", "9".repeat(40) }) {
			assertThat(verifier.verify(v1.body(), v1.signature(), timestamp)).as(String.valueOf(timestamp))
				.isEqualTo(Verification.STALE_TIMESTAMP);
		}
	}

	@Test
	void signatureIsCheckedBeforeTheTimestamp() {
		Vector v1 = vector("v1_docs_test_fixture");
		SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(List.of(v1.apiKey()), Duration.ofMinutes(1),
				Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
		assertThat(verifier.verify(v1.body(), "0".repeat(64), "0")).isEqualTo(Verification.INVALID_SIGNATURE);
	}

	@Test
	void rejectsNonPositiveTolerance() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SkyvernWebhookVerifier(List.of("k"), Duration.ZERO, Clock.systemUTC()));
	}

	@Test
	void signRefusesBlankKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> SkyvernWebhookVerifier.sign(new byte[0], " "));
	}

	@Test
	void toStringNamesNoKey() {
		SkyvernWebhookVerifier verifier = new SkyvernWebhookVerifier(List.of("sk-secret-one", "sk-secret-two"));
		assertThat(verifier.toString()).doesNotContain("sk-secret").contains("keys=2");
	}

	private static Vector vector(String id) {
		return WebhookVectors.all().stream().filter((vector) -> vector.id().equals(id)).findFirst().orElseThrow();
	}

	private static Instant frozenNow(Vector vector) {
		return LocalDateTime.parse(vector.frozenUtcNow()).toInstant(ZoneOffset.UTC);
	}

}
