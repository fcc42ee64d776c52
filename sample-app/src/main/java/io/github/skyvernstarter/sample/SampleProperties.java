package io.github.skyvernstarter.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sample's own settings ({@code sample.*}).
 *
 * @param waitTimeout longest time a request with {@code wait=true} waits for the run to finish
 * @param demo the run started at startup in offline mode
 * @param simulator the embedded Skyvern simulator used in offline mode
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("60s") Duration waitTimeout, @DefaultValue Demo demo,
		@DefaultValue Simulator simulator) {

	/**
	 * The demo run.
	 *
	 * @param enabled whether to run the demo workflow at startup in offline mode
	 * @param workflowId the workflow the demo runs
	 */
	public record Demo(@DefaultValue("true") boolean enabled, @DefaultValue("wpid_demo") String workflowId) {

	}

	/**
	 * The simulator (read by the offline initializer before beans exist; listed here for metadata).
	 *
	 * @param stepDelay time between two status steps of a simulated run
	 */
	public record Simulator(@DefaultValue("1s") Duration stepDelay) {

	}

}
