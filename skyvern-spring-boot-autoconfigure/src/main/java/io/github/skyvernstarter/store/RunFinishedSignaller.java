package io.github.skyvernstarter.store;

import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Tells the other instances, through {@link SkyvernRunFinishedSignals}, of each run whose event this
 * instance publishes (from a webhook or the reconciler), before the application's listeners run; a
 * failure is logged only, and waits elsewhere then finish on their poll.
 *
 * @since 0.1.0
 */
public final class RunFinishedSignaller {

	private static final Log logger = LogFactory.getLog(RunFinishedSignaller.class);

	private final SkyvernRunFinishedSignals signals;

	/**
	 * Create a signaller.
	 * @param signals the signals
	 */
	public RunFinishedSignaller(SkyvernRunFinishedSignals signals) {
		this.signals = signals;
	}

	/**
	 * Signal the event's run, unless some of its fields could not be read (waits then poll, as they
	 * do on this instance).
	 * @param event the event
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public void runFinished(SkyvernRunFinishedEvent event) {
		if (!event.getStatus().isFinal() || !event.getUnreadableFields().isEmpty()) {
			return;
		}
		try {
			this.signals.publish(event.getRun());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not tell the other instances that Skyvern run " + event.getRun().runId()
					+ " finished (their waits finish on their next poll): " + ex);
		}
	}

}
