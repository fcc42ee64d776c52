package io.github.skyvernstarter.test.twofactor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernVerificationCodeProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application that answers Skyvern's 2FA code requests from codes it was given.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableSkyvernWebhooks
class TwoFactorApplication {

	static final Map<String, String> CODES = new ConcurrentHashMap<>();

	@Bean
	SkyvernVerificationCodeProvider codes() {
		return (request) -> CODES.get(request.runId());
	}

}
