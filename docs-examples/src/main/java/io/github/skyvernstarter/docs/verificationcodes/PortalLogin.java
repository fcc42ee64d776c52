package io.github.skyvernstarter.docs.verificationcodes;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.client.VerificationCodeRequest;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernRun;

import org.springframework.stereotype.Service;

@Service
class PortalLogin {

	private final SkyvernWorkflowOperations skyvern;

	PortalLogin(SkyvernWorkflowOperations skyvern) {
		this.skyvern = skyvern;
	}

	// tag::receiver[]
	SkyvernRun fetchStatements(String account) {
		return this.skyvern.runWorkflow(RunWorkflowRequest.builder("wpid_statements")
			.parameter("account", account)
			.totpUrlFromReceiver() // https://app.example.com/skyvern/totp
			.build());
	}
	// end::receiver[]

	// tag::push[]
	boolean pushCode(String runId, String smsText) {
		SentVerificationCode sent = this.skyvern.sendVerificationCode(
				VerificationCodeRequest.of("billing@example.com", smsText).withWorkflowRunId(runId).withSource("sms"));
		return !sent.isPending(); // pending: Skyvern found no code in the text
	}
	// end::push[]

}
