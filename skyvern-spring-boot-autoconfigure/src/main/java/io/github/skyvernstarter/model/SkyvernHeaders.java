package io.github.skyvernstarter.model;

/**
 * The names of the HTTP headers Skyvern reads and writes, in the lower case Skyvern uses; the one place
 * the client, the webhook receiver, the test kit, the fake Skyvern and the benchmarks take them from.
 *
 * @since 0.1.0
 */
public final class SkyvernHeaders {

	/** Header that carries the API key on every call to Skyvern. */
	public static final String API_KEY = "x-api-key";

	/** Header that carries a run's {@code max_steps_override}: Skyvern does not read it from the body. */
	public static final String MAX_STEPS_OVERRIDE = "x-max-steps-override";

	/** Header that carries a run's {@code user_agent} (the browser's user agent). */
	public static final String USER_AGENT = "x-user-agent";

	/** Header that carries a webhook's signature: lowercase hex HMAC-SHA256 of the raw body. */
	public static final String SIGNATURE = "x-skyvern-signature";

	/** Header that carries a webhook's send time in unix seconds; Skyvern does not sign it. */
	public static final String TIMESTAMP = "x-skyvern-timestamp";

	private SkyvernHeaders() {
	}

}
