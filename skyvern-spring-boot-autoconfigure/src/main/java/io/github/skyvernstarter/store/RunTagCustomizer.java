package io.github.skyvernstarter.store;

import java.util.Map;

import io.github.skyvernstarter.client.RunWorkflowRequestCustomizer;
import io.github.skyvernstarter.model.RunTags;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Adds the tag that marks this application's runs to every run request's {@code run_metadata}:
 * Skyvern stores it as a run tag, and the {@link SkyvernRunReconciler} then finds the application's
 * finished runs with one listing. A request that sets the tag's key itself, or already has the
 * most entries Skyvern takes, is sent as it is.
 *
 * @since 0.1.0
 */
public final class RunTagCustomizer implements RunWorkflowRequestCustomizer {

	private static final Log logger = LogFactory.getLog(RunTagCustomizer.class);

	private final String key;

	private final String value;

	/**
	 * Create a customizer.
	 * @param key the tag's key
	 * @param value the tag's value
	 */
	public RunTagCustomizer(String key, String value) {
		this.key = key;
		this.value = value;
	}

	@Override
	public RunWorkflowRequest customize(RunWorkflowRequest request) {
		Map<String, String> metadata = request.runMetadata();
		if (metadata.containsKey(this.key)) {
			return request;
		}
		if (metadata.size() >= RunTags.MAX_ENTRIES) {
			logger.warn("Run of " + request.workflowId() + " not tagged " + this.key + ":" + this.value
					+ ": its run_metadata is full, so the reconciler finds it only by reading it after 8 hours");
			return request;
		}
		return request.toBuilder().runMetadata(Map.of(this.key, this.value)).build();
	}

}
