package io.github.skyvernstarter.webhook;

import org.jspecify.annotations.Nullable;

/**
 * Gives Skyvern the 2FA verification code a run waits for, when Skyvern asks at
 * {@code skyvern.webhooks.totp-path}. Define one as a bean in an application with
 * {@link EnableSkyvernWebhooks @EnableSkyvernWebhooks}; it is asked only for requests whose signature
 * was verified.
 * <p>
 * Skyvern asks about every 10 seconds for up to 15 minutes: answering "no code yet" is normal, and the
 * provider should not wait for a code itself.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SkyvernVerificationCodeProvider {

	/**
	 * Return the code for the run that asks, if there is one yet.
	 * @param request which run asks
	 * @return the code (up to 10 characters is taken as is; longer text, such as an e-mail or SMS, is
	 * read by Skyvern's model), or {@code null} or empty for "not yet": Skyvern asks again
	 */
	@Nullable String verificationCode(SkyvernVerificationCodeRequest request);

}
