package io.github.skyvernstarter.test;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import io.github.skyvernstarter.fake.FakeSkyvern;
import io.github.skyvernstarter.fake.FakeTotpRequester;
import io.github.skyvernstarter.fake.FakeVerificationCode;

/**
 * Skyvern's side of 2FA in tests, from {@link SkyvernStub#twoFactor()}: the verification codes the
 * application pushed to {@code POST /v1/credentials/totp}, and Skyvern's signed requests for a run's code
 * sent to the application's own 2FA receiver ({@code skyvern.webhooks.totp-path}).
 *
 * @since 0.1.0
 */
public final class TwoFactorStub {

	private final FakeSkyvern fake;

	private final Clock clock;

	TwoFactorStub(FakeSkyvern fake, Clock clock) {
		this.fake = fake;
		this.clock = clock;
	}

	/**
	 * Return the codes the application pushed with {@code POST /v1/credentials/totp}.
	 * @return the codes, in order
	 */
	public List<FakeVerificationCode> pushedCodes() {
		return this.fake.verificationCodes();
	}

	/**
	 * Ask the application for a workflow run's code once, as Skyvern does about every 10 seconds while
	 * the run waits, signed with the test kit's API key.
	 * @param totpUrl the application's 2FA URL, for example {@code http://127.0.0.1:8080/skyvern/totp}
	 * @param workflowRunId the run that needs the code
	 * @return the answer as Skyvern reads it
	 */
	public FakeTotpRequester.Answer requestCode(URI totpUrl, String workflowRunId) {
		return requestCode(totpUrl, workflowRunId, SkyvernStubContextCustomizer.TEST_API_KEY);
	}

	/**
	 * Ask the application for a workflow run's code once, signed with the given key.
	 * @param totpUrl the application's 2FA URL
	 * @param workflowRunId the run that needs the code
	 * @param apiKey the key Skyvern signs with: the organization's newest API key (the application's
	 * {@code skyvern.api-key} when it has its own)
	 * @return the answer as Skyvern reads it
	 */
	public FakeTotpRequester.Answer requestCode(URI totpUrl, String workflowRunId, String apiKey) {
		return new FakeTotpRequester(apiKey, this.clock).requestForWorkflowRun(totpUrl, workflowRunId, null);
	}

	/**
	 * Ask the application for a workflow run's code and assert that it answers with the expected one.
	 * @param totpUrl the application's 2FA URL
	 * @param workflowRunId the run that needs the code
	 * @param expected the code the application should give
	 * @throws AssertionError if the application gave another code, none, or refused the request
	 */
	public void assertCodeAnswered(URI totpUrl, String workflowRunId, String expected) {
		FakeTotpRequester.Answer answer = requestCode(totpUrl, workflowRunId);
		if (!expected.equals(answer.code())) {
			throw new AssertionError("The 2FA receiver at " + totpUrl + " answered " + answer.status() + " "
					+ answer.body() + " for run " + workflowRunId + ", expected the code " + expected);
		}
	}

	@Override
	public String toString() {
		return "TwoFactorStub[pushedCodes=" + pushedCodes().size() + "]";
	}

}
