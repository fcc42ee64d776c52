package io.github.skyvernstarter.docs.verificationcodes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.webhook.SkyvernVerificationCodeProvider;
import io.github.skyvernstarter.webhook.SkyvernVerificationCodeRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

@Component
class MailboxCodeProvider implements SkyvernVerificationCodeProvider {

	// Filled by the application, for example from the portal's e-mails, keyed by run id.
	private final Map<String, String> codesByRun = new ConcurrentHashMap<>();

	void codeArrived(String runId, String code) {
		this.codesByRun.put(runId, code);
	}

	@Override
	public @Nullable String verificationCode(SkyvernVerificationCodeRequest request) {
		String runId = request.runId();
		// null: no code yet, Skyvern asks again in about 10 seconds.
		return (runId != null) ? this.codesByRun.remove(runId) : null;
	}

}
