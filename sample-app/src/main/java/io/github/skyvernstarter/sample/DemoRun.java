package io.github.skyvernstarter.sample;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.sample.simulator.OfflineSkyvernInitializer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In offline mode, runs one demo workflow once the application is ready and logs its final status and
 * output in one line. It waits without holding a thread, so the application serves requests meanwhile.
 */
@Component
@ConditionalOnBooleanProperty(OfflineSkyvernInitializer.OFFLINE_PROPERTY)
@ConditionalOnBooleanProperty(name = "sample.demo.enabled", matchIfMissing = true)
class DemoRun {

	private static final Log logger = LogFactory.getLog(DemoRun.class);

	private final ReactiveSkyvernWorkflowOperations skyvern;

	private final SampleProperties properties;

	DemoRun(ReactiveSkyvernWorkflowOperations skyvern, SampleProperties properties) {
		this.skyvern = skyvern;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void runDemo() {
		String workflowId = this.properties.demo().workflowId();
		RunWorkflowRequest request = RunWorkflowRequest.builder(workflowId)
			.parameter("url", "https://example.com")
			.title("Sample app demo run")
			.waitTimeout(this.properties.waitTimeout())
			.build();
		this.skyvern.runWorkflow(request)
			.subscribe((run) -> logger.info("Demo run " + run.runId() + " of " + workflowId + " finished: status="
					+ run.status() + ", output=" + run.output()),
					(ex) -> logger.warn("Demo run of " + workflowId + " failed: " + ex.getMessage()));
	}

}
