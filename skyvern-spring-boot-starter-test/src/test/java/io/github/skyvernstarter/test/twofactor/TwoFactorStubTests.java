package io.github.skyvernstarter.test.twofactor;

import java.net.URI;

import io.github.skyvernstarter.fake.FakeTotpRequester;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The test kit plays Skyvern's side of 2FA against the application under test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSkyvernStub
class TwoFactorStubTests {

	@Autowired
	private SkyvernStub skyvern;

	@LocalServerPort
	private int port;

	private URI totpUrl;

	@BeforeEach
	void setUp() {
		TwoFactorApplication.CODES.clear();
		this.totpUrl = URI.create("http://127.0.0.1:" + this.port + "/skyvern/totp");
	}

	@Test
	void applicationWithoutACodeYetMakesSkyvernAskAgain() {
		FakeTotpRequester.Answer answer = this.skyvern.twoFactor().requestCode(this.totpUrl, "wr_1");
		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.askAgain()).isTrue();
	}

	@Test
	void applicationAnswersWithTheRunsCode() {
		TwoFactorApplication.CODES.put("wr_1", "246810");
		this.skyvern.twoFactor().assertCodeAnswered(this.totpUrl, "wr_1", "246810");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.skyvern.twoFactor().assertCodeAnswered(this.totpUrl, "wr_2", "246810"));
	}

	@Test
	void requestSignedWithAnotherKeyIsRefused() {
		TwoFactorApplication.CODES.put("wr_1", "246810");
		FakeTotpRequester.Answer answer = this.skyvern.twoFactor().requestCode(this.totpUrl, "wr_1", "sk-not-ours");
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.code()).isNull();
	}

}
