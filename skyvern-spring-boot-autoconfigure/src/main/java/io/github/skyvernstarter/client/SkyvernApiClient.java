package io.github.skyvernstarter.client;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.model.RetryWebhookResult;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.operation.SkyvernOperation;
import io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy;
import io.github.skyvernstarter.retry.SkyvernRetryDecision;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The one place this library makes HTTP calls to Skyvern: one method per API call, each returning a
 * {@link Mono} that sends the request when subscribed.
 * <p>
 * It writes requests in Skyvern's wire format, reads answers into {@link SkyvernRun}, turns error
 * statuses, redirects (never followed), oversized answers and transport failures into
 * {@link SkyvernException}s, applies the response timeout, the response size limit and per-request
 * {@link RequestOptions}, and retries as {@link SkyvernRetryPolicy} decides (by default
 * {@link DefaultSkyvernRetryPolicy}, with the rule written in {@link SkyvernRetryDecision}). Most
 * applications use {@link SkyvernWorkflowTemplate} or {@link ReactiveSkyvernWorkflowTemplate}
 * instead.
 */
public class SkyvernApiClient {

	/** Header that carries the API key. */
	public static final String API_KEY_HEADER = "x-api-key";

	/** Header that carries {@code max_steps_override}. */
	public static final String MAX_STEPS_HEADER = "x-max-steps-override";

	/** Header that carries {@code user_agent} (the run's browser user agent). */
	public static final String USER_AGENT_HEADER = "x-user-agent";

	/** The largest answer read when a client is created without a limit: the property's default. */
	public static final DataSize DEFAULT_MAX_RESPONSE_SIZE = DataSize.ofMegabytes(32);

	private static final byte[] EMPTY = new byte[0];

	private final WebClient webClient;

	private final ApiKey apiKey;

	private final Duration responseTimeout;

	private final long maxResponseSize;

	private final SkyvernRetryPolicy retryPolicy;

	/**
	 * Create a client that reads answers of up to {@link #DEFAULT_MAX_RESPONSE_SIZE}.
	 * @param webClient the WebClient to use, with the base URL already set
	 * @param apiKey the API key sent with every call unless a call overrides it
	 * @param responseTimeout time allowed for each HTTP attempt to answer in full
	 * @param retryPolicy decides which failures are retried and when
	 */
	public SkyvernApiClient(WebClient webClient, String apiKey, Duration responseTimeout,
			SkyvernRetryPolicy retryPolicy) {
		this(webClient, apiKey, responseTimeout, DEFAULT_MAX_RESPONSE_SIZE, retryPolicy);
	}

	/**
	 * Create a client.
	 * @param webClient the WebClient to use, with the base URL already set; it should not follow
	 * redirects (a redirect that reaches this client anyway fails the call)
	 * @param apiKey the API key sent with every call unless a call overrides it
	 * @param responseTimeout time allowed for each HTTP attempt to answer in full
	 * @param maxResponseSize the largest answer read; a larger one fails the call without being read
	 * @param retryPolicy decides which failures are retried and when
	 */
	public SkyvernApiClient(WebClient webClient, String apiKey, Duration responseTimeout, DataSize maxResponseSize,
			SkyvernRetryPolicy retryPolicy) {
		this.webClient = webClient;
		this.apiKey = new ApiKey(apiKey, SecretMask.of(apiKey));
		this.responseTimeout = responseTimeout;
		this.maxResponseSize = Math.min(Integer.MAX_VALUE, maxResponseSize.toBytes());
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
		// An answer may echo the key sent; the configured key is masked too, whichever was sent.
		SecretMask mask = (options.getApiKey() != null) ? this.apiKey.mask().and(options.getApiKey())
				: this.apiKey.mask();
		Mono<T> attempt = Mono.defer(() -> send(call, options, decoder, mask))
			.timeout(timeout)
			.onErrorMap((ex) -> !(ex instanceof SkyvernException),
					(ex) -> SkyvernTransportErrors.translate(call.operation(), call.runId(), ex, timeout, mask));
		attempt = SkyvernAttemptLog.log(call.operation(), call.runId(), attempt);
		return this.retryPolicy.apply(attempt, call.operation(), call.runId(), options);
	}

	private <T> Mono<T> send(Call call, RequestOptions options, Function<byte[], T> decoder, SecretMask mask) {
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
		return spec.exchangeToMono((response) -> read(call, response, decoder, mask))
			.contextWrite(SkyvernAttemptLog::quietAfterCancel);
	}

	private <T> Mono<T> read(Call call, ClientResponse response, Function<byte[], T> decoder, SecretMask mask) {
		int status = response.statusCode().value();
		URI uri = response.request().getURI();
		if (response.statusCode().is3xxRedirection()) {
			// The connector is built not to follow redirects; one that hands a redirect over anyway (a
			// connector a customizer swapped in) still gets no success out of it, and nothing is sent on.
			return discardBody(response).then(Mono.error(SkyvernErrors.redirect(call.operation(), status,
					response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION), call.runId(), uri, mask)));
		}
		long announced = response.headers().contentLength().orElse(-1);
		if (announced > this.maxResponseSize) {
			return discardBody(response).then(Mono.error(SkyvernErrors.tooLarge(call.operation(), status, announced,
					this.maxResponseSize, call.runId())));
		}
		return DataBufferUtils.join(response.bodyToFlux(DataBuffer.class), (int) this.maxResponseSize)
			.map(SkyvernApiClient::bytes)
			.defaultIfEmpty(EMPTY)
			.onErrorMap(DataBufferLimitException.class, (ex) -> SkyvernErrors.tooLarge(call.operation(), status, -1,
					this.maxResponseSize, call.runId()))
			.map((bytes) -> decode(call, response, uri, bytes, decoder, mask));
	}

	/**
	 * Stop reading a body that will not be used: the connector closes the connection (or, for the
	 * JDK's client, {@link DrainingClientHttpConnector} reads the rest), instead of reading it whole
	 * here.
	 */
	private static Mono<Void> discardBody(ClientResponse response) {
		return response.bodyToFlux(DataBuffer.class).take(0).then();
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
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

	private <T> T decode(Call call, ClientResponse response, URI uri, byte[] bytes, Function<byte[], T> decoder,
			SecretMask mask) {
		int status = response.statusCode().value();
		if (!response.statusCode().is2xxSuccessful()) {
			// Skyvern does not echo the key, but a proxy or debugging server in front of it may.
			throw SkyvernErrors.fromResponse(call.operation(), status, response.headers().asHttpHeaders(), bytes,
					call.runId(), uri, mask);
		}
		try {
			return decoder.apply(bytes);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw SkyvernErrors.malformed(call.operation(), status, bytes.length, call.runId(), ex, mask);
		}
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
	private record ApiKey(String value, SecretMask mask) {

		@Override
		public String toString() {
			return "******";
		}

	}

}
