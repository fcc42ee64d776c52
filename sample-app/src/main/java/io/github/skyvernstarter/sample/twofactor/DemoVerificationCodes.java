package io.github.skyvernstarter.sample.twofactor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.webhook.SkyvernVerificationCodeProvider;
import io.github.skyvernstarter.webhook.SkyvernVerificationCodeRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Holds the codes posted to {@code /verification-codes} and gives them to Skyvern when it asks at
 * {@code /skyvern/totp}: in a real application the code would come from an e-mail inbox or an SMS
 * gateway. A code is given for 15 minutes (as long as Skyvern asks), and at most 1,000 are held.
 */
@Component
public class DemoVerificationCodes implements SkyvernVerificationCodeProvider {

	private static final Duration LIFETIME = Duration.ofMinutes(15);

	private static final int MAX_CODES = 1_000;

	private final Map<String, Code> codes = new ConcurrentHashMap<>();

	private final Clock clock = Clock.systemUTC();

	/**
	 * Hold a code for a run.
	 * @param runId the run that waits for it
	 * @param code the code
	 * @return {@code false} when too many codes are held already
	 */
	public boolean put(String runId, String code) {
		Instant now = this.clock.instant();
		this.codes.values().removeIf((held) -> held.expiresAt().isBefore(now));
		if (this.codes.size() >= MAX_CODES && !this.codes.containsKey(runId)) {
			return false;
		}
		this.codes.put(runId, new Code(code, now.plus(LIFETIME)));
		return true;
	}

	@Override
	public @Nullable String verificationCode(SkyvernVerificationCodeRequest request) {
		String runId = request.runId();
		Code code = (runId != null) ? this.codes.get(runId) : null;
		return (code != null && code.expiresAt().isAfter(this.clock.instant())) ? code.value() : null;
	}

	private record Code(String value, Instant expiresAt) {

	}

}
