package io.github.skyvernstarter.client;

import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Wraps each logical operation of {@link ReactiveSkyvernWorkflowTemplate} (run, get, cancel, wait,
 * retry-webhook) for observations, metrics and logs; every method returns the operation unchanged by
 * default.
 * <p>
 * The starter's implementation is
 * {@code io.github.skyvernstarter.observation.ObservationSkyvernInstrumentation}. The HTTP attempts
 * inside an operation are observed by Spring's own WebClient instrumentation.
 *
 * @since 0.1.0
 */
public interface SkyvernInstrumentation {

	/**
	 * Wrap the start of a workflow run.
	 * @param workflowId the workflow being run
	 * @param start emits the created run
	 * @return the wrapped operation
	 */
	default Mono<SkyvernRun> run(String workflowId, Mono<SkyvernRun> start) {
		return start;
	}

	/**
	 * Wrap the reading of a run.
	 * @param runId the run read
	 * @param get emits the run
	 * @return the wrapped operation
	 */
	default Mono<SkyvernRun> get(String runId, Mono<SkyvernRun> get) {
		return get;
	}

	/**
	 * Wrap the cancellation of a run.
	 * @param runId the run cancelled
	 * @param cancel completes when Skyvern accepted the cancellation
	 * @return the wrapped operation
	 */
	default Mono<Void> cancel(String runId, Mono<Void> cancel) {
		return cancel;
	}

	/**
	 * Wrap a wait for a run's final status, including all of its polls.
	 * @param runId the run waited for
	 * @param workflowId the run's workflow, when known before the wait
	 * @param wait emits the finished run
	 * @return the wrapped operation
	 */
	default Mono<SkyvernRun> await(String runId, @Nullable String workflowId, Mono<SkyvernRun> wait) {
		return wait;
	}

	/**
	 * Wrap the re-delivery of a run's webhook.
	 * @param runId the run whose webhook is re-delivered
	 * @param retry emits what Skyvern sent and what came back
	 * @return the wrapped operation
	 */
	default Mono<RetryWebhookResult> retryWebhook(String runId, Mono<RetryWebhookResult> retry) {
		return retry;
	}

	/**
	 * Wrap one of the other operations: timeline, artifacts, retry, bulk cancel, workflows and
	 * verification codes.
	 * @param <T> what the operation emits
	 * @param operation the API call
	 * @param runId the run concerned, if one
	 * @param call the operation
	 * @return the wrapped operation
	 */
	default <T> Mono<T> operation(SkyvernOperation operation, @Nullable String runId, Mono<T> call) {
		return call;
	}

	/**
	 * Return an instrumentation that changes nothing.
	 * @return the no-op instrumentation
	 */
	static SkyvernInstrumentation none() {
		return new SkyvernInstrumentation() {

		};
	}

}
