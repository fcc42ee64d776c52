package io.github.skyvernstarter.client;

import java.time.Duration;

import io.github.skyvernstarter.model.RunTags;

/**
 * How workflow run starts are made exactly-once: each start carries a client request id in
 * {@code run_metadata} under {@code requestIdKey}; when a start fails ambiguously, the template waits
 * {@code gracePeriod}, looks the id up, and sends the start again only if no run carries it.
 *
 * @param exactlyOnce whether run starts carry a request id and are looked up after an ambiguous failure
 * @param requestIdKey the {@code run_metadata} key of the request id
 * @param gracePeriod the wait between an ambiguous failure and the lookup
 * @since 0.1.0
 */
public record RunStartSettings(boolean exactlyOnce, String requestIdKey, Duration gracePeriod) {

	/** The default {@code run_metadata} key of the request id. */
	public static final String DEFAULT_REQUEST_ID_KEY = "client-request-id";

	/** The default wait between an ambiguous failure and the lookup. */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(2);

	/**
	 * Create settings.
	 * @param exactlyOnce whether run starts are made exactly-once
	 * @param requestIdKey the {@code run_metadata} key of the request id
	 * @param gracePeriod the wait between an ambiguous failure and the lookup
	 * @throws IllegalArgumentException if the key breaks {@link RunTags}' rules or the grace period is
	 * negative
	 */
	public RunStartSettings {
		RunTags.checkKey(requestIdKey);
		if (gracePeriod == null || gracePeriod.isNegative()) {
			throw new IllegalArgumentException("Grace period must not be negative");
		}
	}

	/**
	 * Return the defaults: exactly-once on, key {@code client-request-id}, 2 seconds of grace.
	 * @return the default settings
	 */
	public static RunStartSettings defaults() {
		return new RunStartSettings(true, DEFAULT_REQUEST_ID_KEY, DEFAULT_GRACE_PERIOD);
	}

	/**
	 * Return settings that send run starts as they are, never looked up or sent again.
	 * @return the settings
	 */
	public static RunStartSettings off() {
		return new RunStartSettings(false, DEFAULT_REQUEST_ID_KEY, DEFAULT_GRACE_PERIOD);
	}

}
