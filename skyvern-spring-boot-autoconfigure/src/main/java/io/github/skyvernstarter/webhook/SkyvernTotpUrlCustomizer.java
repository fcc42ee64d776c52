package io.github.skyvernstarter.webhook;

import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.model.RunWorkflowRequest;

/**
 * Fills {@code totp_url} with the URL of this application's 2FA receiver on run requests that ask for
 * it with {@link RunWorkflowRequest.Builder#totpUrlFromReceiver()}; other requests are left as they are.
 *
 * @since 0.1.0
 */
public final class SkyvernTotpUrlCustomizer implements RunWorkflowRequestCustomizer {

	private final String totpUrl;

	/**
	 * Create a customizer.
	 * @param totpUrl the URL at which Skyvern reaches the 2FA receiver
	 */
	public SkyvernTotpUrlCustomizer(String totpUrl) {
		this.totpUrl = totpUrl;
	}

	/**
	 * Return the URL this customizer fills in.
	 * @return the 2FA receiver's URL
	 */
	public String getTotpUrl() {
		return this.totpUrl;
	}

	@Override
	public RunWorkflowRequest customize(RunWorkflowRequest request) {
		if (!RunWorkflowRequest.TOTP_RECEIVER.equals(request.totpUrl())) {
			return request;
		}
		return request.toBuilder().totpUrl(this.totpUrl).build();
	}

}
