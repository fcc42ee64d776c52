package io.github.skyvernstarter.client;

import java.time.Clock;
import java.time.Duration;

import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunPage;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import io.github.skyvernstarter.model.WorkflowRunSummary;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.retry.SkyvernRetryDecision;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one place this library makes HTTP calls to Skyvern: one method per API call, each returning a
 * {@link Mono} that sends the request when subscribed.
 * <p>
 * Each call is built by a mapping (which value goes to the body, a header or the query), sent with its
 * {@link RequestOptions} merged over this client's defaults once, read within the response timeout
 * and size limit, and retried as the {@link SkyvernRetryPolicy} decides (by default
 * {@link DefaultSkyvernRetryPolicy}, with the rule written in {@link SkyvernRetryDecision}); every
 * failure becomes a {@link SkyvernException}. Most applications use {@link SkyvernWorkflowTemplate} or
 * {@link ReactiveSkyvernWorkflowTemplate} instead.
 *
 * @since 0.1.0
 */
public final class SkyvernApiClient {

	/** Header that carries the API key. */
	public static final String API_KEY_HEADER = SkyvernHeaders.API_KEY;

	/** Header that carries {@code max_steps_override}. */
	public static final String MAX_STEPS_HEADER = SkyvernHeaders.MAX_STEPS_OVERRIDE;

	/** Header that carries {@code user_agent} (the run's browser user agent). */
	public static final String USER_AGENT_HEADER = SkyvernHeaders.USER_AGENT;

	/** The largest answer read when a client is built without a limit: the property's default. */
	public static final DataSize DEFAULT_MAX_RESPONSE_SIZE = DataSize.ofMegabytes(32);

	/** The most retries of a call when a client is built without a count: the property's default. */
	public static final long DEFAULT_MAX_RETRIES = 2;

	private static final ResponseDecoder<SkyvernRun> RUN = ResponseDecoder.json(SkyvernRun.class);

	private static final ResponseDecoder<RetryWebhookResult> RETRY_WEBHOOK_RESULT = ResponseDecoder
		.json(RetryWebhookResult.class);

	private final SkyvernExchange exchange;

	/**
	 * Create a client with the other settings at their defaults.
	 * @param webClient the WebClient to use, with the base URL already set
	 * @param apiKey the API key sent with every call unless a call overrides it
	 * @param responseTimeout time allowed for each HTTP attempt to answer in full
	 * @param retryPolicy decides which failures are retried and when
	 */
	public SkyvernApiClient(WebClient webClient, String apiKey, Duration responseTimeout,
			SkyvernRetryPolicy retryPolicy) {
		this(builder(webClient, apiKey).responseTimeout(responseTimeout).retryPolicy(retryPolicy));
	}

	private SkyvernApiClient(Builder builder) {
		this.exchange = new SkyvernExchange(builder.webClient,
				ResolvedOptions.defaults(builder.responseTimeout, builder.maxRetries, builder.apiKey),
				builder.maxResponseSize.toBytes(), builder.retryPolicy, builder.clock, builder.timer);
	}

	/**
	 * Start building a client.
	 * @param webClient the WebClient to use, with the base URL already set; it should not follow
	 * redirects (a redirect that reaches this client anyway fails the call)
	 * @param apiKey the API key sent with every call unless a call overrides it
	 * @return a new builder
	 */
	public static Builder builder(WebClient webClient, String apiKey) {
		return new Builder(webClient, apiKey);
	}

	/**
	 * Start a workflow run: {@code POST /v1/run/agents}. Never waits.
	 * @param request the run request
	 * @param options options for this call
	 * @return the created run, usually {@code created} or {@code queued}
	 */
	public Mono<SkyvernRun> runWorkflow(RunWorkflowRequest request, RequestOptions options) {
		return exchange(RunWorkflowMapping.toCall(request), options, RUN);
	}

	/**
	 * Read a run: {@code GET /v1/runs/{runId}}.
	 * @param runId the run id
	 * @param options options for this call
	 * @return the run (a workflow run or a task run)
	 */
	public Mono<SkyvernRun> getRun(String runId, RequestOptions options) {
		return exchange(SkyvernCall.to(SkyvernOperation.GET_RUN).runId(runId).build(), options, RUN);
	}

	/**
	 * Cancel a run: {@code POST /v1/runs/{runId}/cancel}. Skyvern re-sends the run's webhook.
	 * @param runId the run id
	 * @param options options for this call
	 * @return completes when Skyvern accepted the cancellation
	 */
	public Mono<Void> cancelRun(String runId, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.CANCEL_RUN).runId(runId).build();
		return exchange(call, options, ResponseDecoder.ignoringBody()).then();
	}

	/**
	 * Re-deliver a finished run's webhook: {@code POST /v1/runs/{runId}/retry_webhook}.
	 * @param runId the run id
	 * @param webhookUrl where to deliver it, or {@code null} for the run's own webhook URL
	 * @param options options for this call
	 * @return what Skyvern sent and what came back
	 */
	public Mono<RetryWebhookResult> retryRunWebhook(String runId, @Nullable String webhookUrl,
			RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.RETRY_RUN_WEBHOOK)
			.runId(runId)
			.emptyBody()
			.body("webhook_url", webhookUrl)
			.build();
		return exchange(call, options, RETRY_WEBHOOK_RESULT);
	}

	/**
	 * Read one page of the organization's run history, newest first: {@code GET /v1/runs}.
	 * @param query the filters and page size
	 * @param page the page number, from 1
	 * @param options options for this call
	 * @return the page
	 * @throws IllegalArgumentException if Skyvern would refuse the page number
	 */
	public Mono<RunPage<RunSummary>> findRuns(RunQuery query, int page, RequestOptions options) {
		return exchange(FindRunsMapping.toCall(query, page), options, FindRunsMapping.runs(query, page));
	}

	/**
	 * Read one page of a workflow's runs, newest first: {@code GET /v1/agents/{workflowId}/runs}.
	 * @param query the workflow, filters and page size
	 * @param page the page number, from 1
	 * @param options options for this call
	 * @return the page
	 * @throws IllegalArgumentException if the page number is not positive
	 */
	public Mono<RunPage<WorkflowRunSummary>> findWorkflowRuns(WorkflowRunQuery query, int page,
			RequestOptions options) {
		return exchange(FindRunsMapping.toCall(query, page), options, FindRunsMapping.workflowRuns(query, page));
	}

	/**
	 * Start a task run: {@code POST /v1/run/tasks}. Never waits, and never sent again after an
	 * ambiguous failure (no idempotency key): the templates' exactly-once lookup of 1.0-family task starts
	 * by their title token sits above this call.
	 * @param request the task request
	 * @param options options for this call
	 * @return the created run, usually {@code created} or {@code queued}
	 */
	public Mono<SkyvernRun> runTask(TaskRunRequest request, RequestOptions options) {
		return exchange(TaskRunMapping.toCall(request), options, RUN);
	}

	<T> Mono<T> exchange(SkyvernCall call, RequestOptions options, ResponseDecoder<T> decoder) {
		return this.exchange.exchange(call, options, decoder);
	}

	@Override
	public String toString() {
		return "SkyvernApiClient[" + this.exchange + "]";
	}

	/**
	 * Builder for {@link SkyvernApiClient}; settings left unset have the defaults of their
	 * {@code skyvern.*} properties.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final WebClient webClient;

		private final String apiKey;

		private Duration responseTimeout = Duration.ofSeconds(60);

		private DataSize maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;

		private long maxRetries = DEFAULT_MAX_RETRIES;

		private SkyvernRetryPolicy retryPolicy = SkyvernRetryPolicy.none();

		private Clock clock = Clock.systemUTC();

		private Scheduler timer = Schedulers.parallel();

		private Builder(WebClient webClient, String apiKey) {
			this.webClient = webClient;
			this.apiKey = apiKey;
		}

		/**
		 * Set the time allowed for each HTTP attempt to answer in full.
		 * @param responseTimeout the timeout
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
			return this;
		}

		/**
		 * Set the largest answer read; a larger one fails the call without being read.
		 * @param maxResponseSize the limit
		 * @return this builder
		 */
		public Builder maxResponseSize(DataSize maxResponseSize) {
			this.maxResponseSize = maxResponseSize;
			return this;
		}

		/**
		 * Set the most retries of a call whose options name none.
		 * @param maxRetries the retry count, {@code 0} for none
		 * @return this builder
		 */
		public Builder maxRetries(long maxRetries) {
			this.maxRetries = maxRetries;
			return this;
		}

		/**
		 * Set the policy that decides which failures are retried and when.
		 * @param retryPolicy the policy, by default {@link SkyvernRetryPolicy#none()}
		 * @return this builder
		 */
		public Builder retryPolicy(SkyvernRetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		/**
		 * Set the clock a {@code Retry-After} date is measured against.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Set the scheduler whose timer ends an attempt at the response timeout.
		 * @param timer the scheduler, by default {@link Schedulers#parallel()}
		 * @return this builder
		 */
		public Builder timer(Scheduler timer) {
			this.timer = timer;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public SkyvernApiClient build() {
			return new SkyvernApiClient(this);
		}

	}

}
