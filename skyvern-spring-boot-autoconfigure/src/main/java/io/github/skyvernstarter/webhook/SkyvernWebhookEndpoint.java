package io.github.skyvernstarter.webhook;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * An endpoint that Skyvern calls with a signed JSON body, independently of the web stack: the run
 * webhook ({@link SkyvernWebhookReceiver}) and the 2FA code request ({@link SkyvernTotpReceiver}). The
 * Spring MVC and WebFlux adapters read the body within its limits and write the answer this returns.
 *
 * @since 0.1.0
 */
public interface SkyvernWebhookEndpoint {

	/**
	 * Return the largest body accepted; adapters stop reading past it.
	 * @return the limit in bytes
	 */
	long getMaxBodySize();

	/**
	 * Check what can be checked before the body is read.
	 * @param method the HTTP method
	 * @param headers the request headers
	 * @return the answer if the request is rejected, {@code null} if its body should be read
	 */
	@Nullable SkyvernWebhookResponse checkRequest(String method, HttpHeaders headers);

	/**
	 * Handle a request whose headers passed {@link #checkRequest}; may block.
	 * @param headers the request headers
	 * @param body the request body exactly as received
	 * @return the answer
	 */
	SkyvernWebhookResponse receive(HttpHeaders headers, byte[] body);

	/**
	 * Return the answer to a body larger than {@link #getMaxBodySize()}.
	 * @return a 413 answer
	 */
	SkyvernWebhookResponse bodyTooLarge();

	/**
	 * Report that a request was answered; adapters call this once per request.
	 * @param answer the answer given
	 * @param elapsed the time from the request's receipt to its answer
	 */
	void answered(SkyvernWebhookResponse answer, Duration elapsed);

}
