package io.github.skyvernstarter.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application that answers Skyvern's 2FA code requests, as a user would write it: codes are put in
 * by hand (in a real application: from an e-mail or SMS), and the provider records every question.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableSkyvernWebhooks
class TotpTestApplication {

	@Bean
	RecordingCodeProvider recordingCodeProvider() {
		return new RecordingCodeProvider();
	}

	static final class RecordingCodeProvider implements SkyvernVerificationCodeProvider {

		final Map<String, String> codes = new ConcurrentHashMap<>();

		final List<SkyvernVerificationCodeRequest> asked = new CopyOnWriteArrayList<>();

		volatile boolean failing;

		@Override
		public @Nullable String verificationCode(SkyvernVerificationCodeRequest request) {
			this.asked.add(request);
			if (this.failing) {
				throw new IllegalStateException("mailbox unreachable");
			}
			return this.codes.get(request.runId());
		}

		void reset() {
			this.codes.clear();
			this.asked.clear();
			this.failing = false;
		}

	}

}
