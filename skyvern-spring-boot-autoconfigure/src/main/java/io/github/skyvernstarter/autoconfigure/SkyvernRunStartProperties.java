package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import io.github.skyvernstarter.client.RunStartSettings;
import io.github.skyvernstarter.model.RunTags;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for exactly-once run starts ({@code skyvern.run-starts.*}), checked
 * when bound.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("skyvern.run-starts")
public class SkyvernRunStartProperties implements InitializingBean {

	/**
	 * Whether run starts carry a client request id (workflow runs in run_metadata, 1.0-family tasks in
	 * their title) and are looked up, instead of failing, when a start fails ambiguously.
	 */
	private boolean exactlyOnce = true;

	/**
	 * Run metadata key (and run tag) of the client request id; must not start with 'skyvern'.
	 */
	private String requestIdKey = "client-request-id";

	/**
	 * Time between an ambiguous run start failure and the lookup of its client request id.
	 */
	private Duration gracePeriod = Duration.ofSeconds(2);

	/**
	 * Whether task starts on 1.0-family engines (every engine but skyvern-2.0) carry the client request
	 * id as a token in their title, so that an ambiguous failure is looked up by search_key instead of
	 * failing. Without it, such a task start is never sent again.
	 */
	private boolean taskTitleToken = true;

	/**
	 * Return {@code skyvern.run-starts.exactly-once}.
	 * @return whether run starts are looked up after an ambiguous failure
	 */
	public boolean isExactlyOnce() {
		return this.exactlyOnce;
	}

	/**
	 * Set {@code skyvern.run-starts.exactly-once}.
	 * @param exactlyOnce whether run starts are looked up after an ambiguous failure
	 */
	public void setExactlyOnce(boolean exactlyOnce) {
		this.exactlyOnce = exactlyOnce;
	}

	/**
	 * Return {@code skyvern.run-starts.request-id-key}.
	 * @return the run metadata key of the client request id
	 */
	public String getRequestIdKey() {
		return this.requestIdKey;
	}

	/**
	 * Set {@code skyvern.run-starts.request-id-key}.
	 * @param requestIdKey the run metadata key of the client request id
	 */
	public void setRequestIdKey(String requestIdKey) {
		this.requestIdKey = requestIdKey;
	}

	/**
	 * Return {@code skyvern.run-starts.grace-period}.
	 * @return the time between an ambiguous failure and the lookup
	 */
	public Duration getGracePeriod() {
		return this.gracePeriod;
	}

	/**
	 * Set {@code skyvern.run-starts.grace-period}.
	 * @param gracePeriod the time between an ambiguous failure and the lookup
	 */
	public void setGracePeriod(Duration gracePeriod) {
		this.gracePeriod = gracePeriod;
	}

	/**
	 * Return {@code skyvern.run-starts.task-title-token}.
	 * @return whether task starts carry the request id in their title
	 */
	public boolean isTaskTitleToken() {
		return this.taskTitleToken;
	}

	/**
	 * Set {@code skyvern.run-starts.task-title-token}.
	 * @param taskTitleToken whether task starts carry the request id in their title
	 */
	public void setTaskTitleToken(boolean taskTitleToken) {
		this.taskTitleToken = taskTitleToken;
	}

	/**
	 * Return these properties as the template's settings.
	 * @return the settings
	 */
	RunStartSettings toSettings() {
		return new RunStartSettings(this.exactlyOnce, this.requestIdKey, this.gracePeriod, this.taskTitleToken);
	}

	@Override
	public void afterPropertiesSet() {
		try {
			RunTags.checkKey(this.requestIdKey);
		}
		catch (IllegalArgumentException ex) {
			throw new SkyvernConfigurationException("skyvern.run-starts.request-id-key", ex.getMessage(),
					"Set skyvern.run-starts.request-id-key to a key such as client-request-id: letters, digits, "
							+ "'_', '.' and '-', not starting with 'skyvern'.",
					true);
		}
		if (this.gracePeriod == null || this.gracePeriod.isNegative()) {
			throw new SkyvernConfigurationException("skyvern.run-starts.grace-period", "the duration is negative",
					"Set skyvern.run-starts.grace-period to a duration such as 2s, or 0 to look up at once.", true);
		}
	}

}
