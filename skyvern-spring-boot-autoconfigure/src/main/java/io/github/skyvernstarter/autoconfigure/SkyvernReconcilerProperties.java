package io.github.skyvernstarter.autoconfigure;

import java.time.Duration;

import io.github.skyvernstarter.model.RunTags;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the run registry and reconciler ({@code skyvern.reconciler.*}),
 * checked when bound.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("skyvern.reconciler")
public class SkyvernReconcilerProperties implements InitializingBean {

	/**
	 * Whether to record the runs the templates start and publish the run-finished events whose webhook never arrived; by default whenever webhooks are enabled.
	 */
	private @Nullable Boolean enabled;

	/**
	 * Time between two passes of the reconciler (one instance at a time runs it).
	 */
	private Duration interval = Duration.ofMinutes(1);

	/**
	 * How long after a run finished its webhook is waited for before the reconciler publishes its event.
	 */
	private Duration grace = Duration.ofSeconds(30);

	/**
	 * How long after its start a run is forgotten if no event could be published for it.
	 */
	private Duration giveUpAfter = Duration.ofHours(24);

	/**
	 * Run tag (key:value, sent as run_metadata) that marks the runs of this application, so that one listing finds them; by default spring-app:${spring.application.name}.
	 */
	private @Nullable String tag;

	/**
	 * Most runs read one by one in a pass when the tag filter is refused (403).
	 */
	private int maxReadsPerPass = 20;

	/**
	 * Return {@code skyvern.reconciler.enabled}.
	 * @return whether to record the runs the templates start and publish the run-finished events whose webhook never arrived; by default whenever webhooks are enabled
	 */
	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	/**
	 * Set {@code skyvern.reconciler.enabled}.
	 * @param enabled whether to record the runs the templates start and publish the run-finished events whose webhook never arrived; by default whenever webhooks are enabled
	 */
	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Return {@code skyvern.reconciler.interval}.
	 * @return time between two passes of the reconciler (one instance at a time runs it)
	 */
	public Duration getInterval() {
		return this.interval;
	}

	/**
	 * Set {@code skyvern.reconciler.interval}.
	 * @param interval time between two passes of the reconciler (one instance at a time runs it)
	 */
	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	/**
	 * Return {@code skyvern.reconciler.grace}.
	 * @return how long after a run finished its webhook is waited for before the reconciler publishes its event
	 */
	public Duration getGrace() {
		return this.grace;
	}

	/**
	 * Set {@code skyvern.reconciler.grace}.
	 * @param grace how long after a run finished its webhook is waited for before the reconciler publishes its event
	 */
	public void setGrace(Duration grace) {
		this.grace = grace;
	}

	/**
	 * Return {@code skyvern.reconciler.give-up-after}.
	 * @return how long after its start a run is forgotten if no event could be published for it
	 */
	public Duration getGiveUpAfter() {
		return this.giveUpAfter;
	}

	/**
	 * Set {@code skyvern.reconciler.give-up-after}.
	 * @param giveUpAfter how long after its start a run is forgotten if no event could be published for it
	 */
	public void setGiveUpAfter(Duration giveUpAfter) {
		this.giveUpAfter = giveUpAfter;
	}

	/**
	 * Return {@code skyvern.reconciler.tag}.
	 * @return run tag (key:value, sent as run_metadata) that marks the runs of this application, so that one listing finds them; by default spring-app:${spring.application.name}
	 */
	public @Nullable String getTag() {
		return this.tag;
	}

	/**
	 * Set {@code skyvern.reconciler.tag}.
	 * @param tag run tag (key:value, sent as run_metadata) that marks the runs of this application, so that one listing finds them; by default spring-app:${spring.application.name}
	 */
	public void setTag(@Nullable String tag) {
		this.tag = tag;
	}

	/**
	 * Return {@code skyvern.reconciler.max-reads-per-pass}.
	 * @return most runs read one by one in a pass when the tag filter is refused (403)
	 */
	public int getMaxReadsPerPass() {
		return this.maxReadsPerPass;
	}

	/**
	 * Set {@code skyvern.reconciler.max-reads-per-pass}.
	 * @param maxReadsPerPass most runs read one by one in a pass when the tag filter is refused (403)
	 */
	public void setMaxReadsPerPass(int maxReadsPerPass) {
		this.maxReadsPerPass = maxReadsPerPass;
	}

	/**
	 * Check every value when the properties are bound.
	 * @throws SkyvernConfigurationException if a value is out of range
	 */
	@Override
	public void afterPropertiesSet() {
		SkyvernPropertyChecks.requirePositive("skyvern.reconciler.interval", this.interval);
		SkyvernPropertyChecks.requirePositive("skyvern.reconciler.give-up-after", this.giveUpAfter);
		if (this.grace.isNegative()) {
			throw new SkyvernConfigurationException("skyvern.reconciler.grace", "the duration is negative",
					"Set skyvern.reconciler.grace to zero or a positive duration such as 30s.", true);
		}
		SkyvernPropertyChecks.requireAtLeast("skyvern.reconciler.max-reads-per-pass", this.maxReadsPerPass, 1,
				"the number of runs read per pass must be at least 1",
				"Set skyvern.reconciler.max-reads-per-pass to a positive number, for example 20.");
		if (this.tag != null && !isValidTag(this.tag)) {
			throw new SkyvernConfigurationException("skyvern.reconciler.tag",
					"the tag is not key:value with a key of letters, digits, '_', '.' or '-' (not starting with "
							+ "'skyvern') and a value without ','",
					"Set skyvern.reconciler.tag to a tag such as spring-app:orders.", true);
		}
	}

	/**
	 * Return whether a tag is one Skyvern stores and filters on exactly.
	 * @param tag the tag, {@code key:value}
	 * @return whether it is valid
	 */
	static boolean isValidTag(String tag) {
		int colon = tag.indexOf(':');
		return colon > 0 && RunTags.isMatchable(tag.substring(0, colon), tag.substring(colon + 1));
	}

}
