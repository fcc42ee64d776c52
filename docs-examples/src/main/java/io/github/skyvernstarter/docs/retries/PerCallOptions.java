package io.github.skyvernstarter.docs.retries;

import java.time.Duration;

import io.github.skyvernstarter.client.RequestOptions;
import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;

class PerCallOptions {

	SkyvernRun run(SkyvernWorkflowOperations skyvern, RunWorkflowRequest request, String correlationId,
			String tenantApiKey) {
		// tag::options[]
		RequestOptions options = RequestOptions.builder()
			.timeout(Duration.ofSeconds(20))     // response timeout of each attempt of this call
			.maxRetries(0)                       // no retries for this call
			.header("x-correlation-id", correlationId)
			.queryParameter("debug", "true")
			.bodyParameter("title", "nightly")   // merged over the JSON body this client writes
			.apiKey(tenantApiKey)                // another organization's key, for this call only
			.build();
		SkyvernRun run = skyvern.runWorkflow(request, options);
		// end::options[]
		return run;
	}

}
