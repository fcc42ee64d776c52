package io.github.skyvernstarter.client;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

/**
 * The one place this library makes HTTP calls to Skyvern: one method per API call, each returning a
 * {@link Mono} that sends the request when subscribed.
 * <p>
 * It writes requests in Skyvern's wire format, reads answers into {@link SkyvernRun}, turns error
 * statuses and transport failures into {@link SkyvernException}s, applies the response timeout and
 * per-request {@link RequestOptions}, and retries as {@link SkyvernRetryPolicy} decides (by default
 * {@link DefaultSkyvernRetryPolicy}, with the rule written in {@link SkyvernRetryDecision}). Most
 * applications use {@link SkyvernWorkflowTemplate} or {@link ReactiveSkyvernWorkflowTemplate}
 * instead.
 */
public class SkyvernApiClient {

	/** Header that carries the API key. */
	public static final String API_KEY_HEADER = SkyvernHeaders.API_KEY;

	/** Header that carries {@code max_steps_override}. */
	public static final String MAX_STEPS_HEADER = SkyvernHeaders.MAX_STEPS_OVERRIDE;

	/** Header that carries {@code user_agent} (the run's browser user agent). */
	public static final String USER_AGENT_HEADER = SkyvernHeaders.USER_AGENT;

	private static final byte[] EMPTY = new byte[0];

	private final WebClient webClient;

	private final ApiKey apiKey;

	private final Duration responseTimeout;

	private final SkyvernRetryPolicy retryPolicy;

	/**
	 * Create a client.
	 * @param webClient the WebClient to use, with the base URL already set
	 * @param apiKey the API key sent with every call unless a call overrides it
	 * @param responseTimeout time allowed for each HTTP attempt to answer in full
	 * @param retryPolicy decides which failures are retried and when
	 */
	public SkyvernApiClient(WebClient webClient, String apiKey, Duration responseTimeout,
			SkyvernRetryPolicy retryPolicy) {
		this.webClient = webClient;
		this.apiKey = new ApiKey(apiKey);
		this.responseTimeout = responseTimeout;
		this.retryPolicy = retryPolicy;
	}

	/**
	 * Start a workflow run: {@code POST /v1/run/agents}. Never waits.
	 * @param request the run request
	 * @param options options for this call
	 * @return the created run, usually {@code created} or {@code queued}
	 */
	public Mono<SkyvernRun> runWorkflow(RunWorkflowRequest request, RequestOptions options) {
		HttpHeaders headers = new HttpHeaders();
		if (request.maxStepsOverride() != null) {
			headers.set(MAX_STEPS_HEADER, request.maxStepsOverride().toString());
		}
		if (request.userAgent() != null) {
			headers.set(USER_AGENT_HEADER, request.userAgent());
		}
		MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
		if (request.template()) {
			query.add("template", "true");
		}
		Call call = new Call(SkyvernOperation.RUN_WORKFLOW, null, RunWorkflowBody.of(request), headers, query);
		return exchange(call, options, (bytes) -> SkyvernJson.mapper().readValue(bytes, SkyvernRun.class));
	}

	/**
	 * Read a run: {@code GET /v1/runs/{runId}}.
	 * @param runId the run id
	 * @param options options for this call
	 * @return the run (a workflow run or a task run)
	 */
	public Mono<SkyvernRun> getRun(String runId, RequestOptions options) {
		Call call = new Call(SkyvernOperation.GET_RUN, requireRunId(runId), null, new HttpHeaders(),
				new LinkedMultiValueMap<>());
		return exchange(call, options, (bytes) -> SkyvernJson.mapper().readValue(bytes, SkyvernRun.class));
	}

	/**
	 * Cancel a run: {@code POST /v1/runs/{runId}/cancel}. Skyvern re-sends the run's webhook.
	 * @param runId the run id
	 * @param options options for this call
	 * @return completes when Skyvern accepted the cancellation
	 */
	public Mono<Void> cancelRun(String runId, RequestOptions options) {
		Call call = new Call(SkyvernOperation.CANCEL_RUN, requireRunId(runId), null, new HttpHeaders(),
				new LinkedMultiValueMap<>());
		return exchange(call, options, (bytes) -> Boolean.TRUE).then();
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
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		if (webhookUrl != null) {
			body.put("webhook_url", webhookUrl);
		}
		Call call = new Call(SkyvernOperation.RETRY_RUN_WEBHOOK, requireRunId(runId), body, new HttpHeaders(),
				new LinkedMultiValueMap<>());
		return exchange(call, options,
				(bytes) -> SkyvernJson.mapper().readValue(bytes, RetryWebhookResult.class));
	}

	private static String requireRunId(String runId) {
		if (runId == null || runId.isBlank()) {
			throw new IllegalArgumentException("runId must not be blank");
		}
		return runId;
	}

	private <T> Mono<T> exchange(Call call, RequestOptions options, Function<byte[], T> decoder) {
		Duration timeout = (options.getTimeout() != null) ? options.getTimeout() : this.responseTimeout;
		Mono<T> attempt = Mono.defer(() -> send(call, options, decoder))
			.timeout(timeout)
			.onErrorMap((ex) -> !(ex instanceof SkyvernException), (ex) -> transportFailure(call, ex, timeout));
		attempt = SkyvernAttemptLog.log(call.operation(), call.runId(), attempt);
		return this.retryPolicy.apply(attempt, call.operation(), call.runId(), options);
	}

	private <T> Mono<T> send(Call call, RequestOptions options, Function<byte[], T> decoder) {
		String apiKey = (options.getApiKey() != null) ? options.getApiKey() : this.apiKey.value();
		WebClient.RequestBodySpec spec = this.webClient.method(call.operation().method())
			.uri(call.operation().uriTemplate(), (uriBuilder) -> {
				uriBuilder.queryParams(call.query());
				options.getQueryParameters().forEach(uriBuilder::queryParam);
				return (call.runId() != null) ? uriBuilder.build(call.runId()) : uriBuilder.build();
			})
			.headers((headers) -> {
				headers.addAll(call.headers());
				options.getHeaders().forEach(headers::put);
				headers.set(API_KEY_HEADER, apiKey);
			})
			.accept(MediaType.APPLICATION_JSON);
		byte[] body = encodeBody(call, options);
		if (body.length > 0) {
			spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}
		return spec.exchangeToMono((response) -> response.bodyToMono(byte[].class)
			.defaultIfEmpty(EMPTY)
			.map((bytes) -> decode(call, response, bytes, decoder, apiKey)));
	}

	private byte[] encodeBody(Call call, RequestOptions options) {
		boolean sendsBody = call.operation().method() != HttpMethod.GET;
		if (!sendsBody || (call.body() == null && options.getBodyParameters().isEmpty())) {
			return EMPTY;
		}
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		if (call.body() != null) {
			body.putAll(call.body());
		}
		body.putAll(options.getBodyParameters());
		return SkyvernJson.mapper().writeValueAsBytes(body);
	}

	private <T> T decode(Call call, ClientResponse response, byte[] bytes, Function<byte[], T> decoder,
			String apiKey) {
		int status = response.statusCode().value();
		if (!response.statusCode().is2xxSuccessful()) {
			// Skyvern does not echo the key, but a proxy or debugging server in front of it may.
			throw SkyvernErrors.fromResponse(call.operation(), status, response.headers().asHttpHeaders(),
					SkyvernErrors.redact(bytes, apiKey), call.runId());
		}
		try {
			return decoder.apply(bytes);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			String reason = ex.getMessage();
			// A parser message quoting the key must not reach logs through the cause's message either.
			boolean quotesKey = reason != null && !apiKey.isEmpty() && reason.contains(apiKey);
			throw new SkyvernMalformedResponseException(call.operation(), status,
					"Skyvern answered " + status + " to " + call.operation().describe()
							+ ((call.runId() != null) ? " (run " + call.runId() + ")" : "")
							+ " with a body this client cannot read (" + bytes.length + " bytes): "
							+ SkyvernErrors.firstLine((reason != null) ? SkyvernErrors.redact(reason, apiKey) : null),
					call.runId(), quotesKey ? null : ex);
		}
	}

	private SkyvernException transportFailure(Call call, Throwable ex, Duration timeout) {
		String target = call.operation().describe() + ((call.runId() != null) ? " (run " + call.runId() + ")" : "");
		String runMayExist = call.operation().createsRun() ? ". " + SkyvernException.RUN_MAY_EXIST_HINT : "";
		if (ex instanceof TimeoutException) {
			return new SkyvernTransportException(call.operation(), SkyvernTransportException.Kind.RESPONSE_TIMEOUT,
					"No complete answer from Skyvern to " + target + " within the response timeout of " + timeout
							+ " (skyvern.response-timeout, or RequestOptions.timeout for one call)" + runMayExist,
					call.runId(), ex);
		}
		if (isConnectFailure(ex)) {
			return new SkyvernTransportException(call.operation(), SkyvernTransportException.Kind.CONNECT,
					"Could not connect to Skyvern for " + target + " (check skyvern.base-url): "
							+ SkyvernErrors.rootMessage(ex),
					call.runId(), ex);
		}
		return new SkyvernTransportException(call.operation(), SkyvernTransportException.Kind.CONNECTION_LOST,
				"Connection to Skyvern lost during " + target + ": " + SkyvernErrors.rootMessage(ex) + runMayExist,
				call.runId(), ex);
	}

	/**
	 * Whether the failure happened before a connection was open, so the request cannot have been
	 * sent.
	 */
	static boolean isConnectFailure(Throwable ex) {
		if (!(ex instanceof WebClientRequestException)) {
			return false;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// Netty's connect timeout and "connection refused" are ConnectException subclasses.
			if (cause instanceof ConnectException || cause instanceof UnknownHostException
					|| cause instanceof NoRouteToHostException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof UnresolvedAddressException || isConnectionPoolRejection(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Whether Reactor Netty's connection pool refused to hand out a connection (too many calls
	 * queued, or none free in time): the request was never written. Matched by name because Reactor
	 * Netty is optional and shades its pool.
	 */
	private static boolean isConnectionPoolRejection(Throwable cause) {
		String name = cause.getClass().getName();
		return name.endsWith(".PoolAcquirePendingLimitException") || name.endsWith(".PoolAcquireTimeoutException");
	}

	/**
	 * One API call: what to send, before options are applied.
	 */
	record Call(SkyvernOperation operation, @Nullable String runId, @Nullable Map<String, @Nullable Object> body,
			HttpHeaders headers, MultiValueMap<String, String> query) {

	}

	/**
	 * Holds the API key so that it never shows up in {@code toString()} or a debugger's summary.
	 */
	private record ApiKey(String value) {

		@Override
		public String toString() {
			return "******";
		}

	}

}
