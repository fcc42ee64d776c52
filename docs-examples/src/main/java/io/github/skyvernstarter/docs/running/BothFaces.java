package io.github.skyvernstarter.docs.running;

import java.time.Duration;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import reactor.core.publisher.Mono;

class BothFaces {

	void operations(SkyvernWorkflowTemplate skyvern, ReactiveSkyvernWorkflowTemplate reactiveSkyvern,
			RunWorkflowRequest request, String runId) {
		// tag::operations[]
		// Blocking: Spring MVC, virtual threads. Blocks only the calling thread.
		SkyvernRun run = skyvern.runWorkflow(request);
		SkyvernRun same = skyvern.getRun(run.runId());
		SkyvernRun finished = skyvern.waitForCompletion(run.runId(), Duration.ofMinutes(10));
		skyvern.cancelRun(run.runId());
		RetryWebhookResult redelivery = skyvern.retryRunWebhook(run.runId());

		// Non-blocking: WebFlux. Waiting holds no thread (Reactor timers).
		Mono<SkyvernRun> result = reactiveSkyvern.runWorkflow(request);
		Mono<SkyvernRun> alsoFromBlocking = skyvern.reactive().getRun(runId);
		// end::operations[]
	}

}
