package io.github.skyvernstarter.client;

import java.time.Duration;

import io.github.skyvernstarter.model.RunTags;

/**
 * How run starts are made exactly-once: each workflow run start carries a client request id in
 * {@code run_metadata} under {@code requestIdKey}, and each task start on a 1.0-family engine carries it
 * in its title as {@code [requestIdKey:id]} (unless {@code taskTitleToken} is off); when a start fails
 * ambiguously, the template waits {@code gracePeriod}, looks the id up, and sends the start again only if
 * no run carries it.
 *
 * @param exactlyOnce whether run starts carry a request id and are looked up after an ambiguous failure
 * @param requestIdKey the {@code run_metadata} key of the request id, and the name in a task's title token
 * @param gracePeriod the wait between an ambiguous failure and the lookup
 * @param taskTitleToken whether task starts on 1.0-family engines carry the request id in their title; without
 * it, an ambiguous task start failure is never sent again
 * @since 0.1.0
 */
public record RunStartSettings(boolean exactlyOnce, String requestIdKey, Duration gracePeriod,
		boolean taskTitleToken) {

	/** The default {@code run_metadata} key of the request id. */
	public static final String DEFAULT_REQUEST_ID_KEY = "client-request-id";

	/** The default wait between an ambiguous failure and the lookup. */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(2);

	/**
	 * Create settings.
	 * @param exactlyOnce whether run starts are made exactly-once
	 * @param requestIdKey the {@code run_metadata} key of the request id
	 * @param gracePeriod the wait between an ambiguous failure and the lookup
	 * @param taskTitleToken whether task starts on 1.0-family engines carry the request id in their title
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
	 * Create settings with the task title token on.
	 * @param exactlyOnce whether run starts are made exactly-once
	 * @param requestIdKey the {@code run_metadata} key of the request id
	 * @param gracePeriod the wait between an ambiguous failure and the lookup
	 * @throws IllegalArgumentException if the key breaks {@link RunTags}' rules or the grace period is
	 * negative
	 */
	public RunStartSettings(boolean exactlyOnce, String requestIdKey, Duration gracePeriod) {
		this(exactlyOnce, requestIdKey, gracePeriod, true);
	}

	/**
	 * Return the defaults: exactly-once on, key {@code client-request-id}, 2 seconds of grace, task
	 * title token on.
	 * @return the default settings
	 */
	public static RunStartSettings defaults() {
		return new RunStartSettings(true, DEFAULT_REQUEST_ID_KEY, DEFAULT_GRACE_PERIOD, true);
	}

	/**
	 * Return the title token that carries a request id in a task's title: {@code [requestIdKey:id]}.
	 * @param requestId the request id
	 * @return the token
	 */
	public String titleToken(String requestId) {
		return "[" + this.requestIdKey + ":" + requestId + "]";
	}

	/**
	 * Return settings that send run starts as they are, never looked up or sent again.
	 * @return the settings
	 */
	public static RunStartSettings off() {
		return new RunStartSettings(false, DEFAULT_REQUEST_ID_KEY, DEFAULT_GRACE_PERIOD, true);
	}

}
