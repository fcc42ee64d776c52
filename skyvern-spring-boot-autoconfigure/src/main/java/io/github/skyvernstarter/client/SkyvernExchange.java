package io.github.skyvernstarter.client;

import java.time.Clock;
import java.util.Map;

import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.retry.SkyvernRetryPolicy;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Sends one {@link SkyvernCall}: merges its options over the client's defaults once, writes the
 * request, reads the answer within the response timeout, turns every failure into a
 * {@link SkyvernException} and applies the retry policy.
 */
final class SkyvernExchange {

	private final WebClient webClient;

	private final ResolvedOptions defaults;

	private final SkyvernRetryPolicy retryPolicy;

	private final ResponseDeadlines deadlines;

	private final SkyvernFailureTranslator translator;

	private final SkyvernResponseReader reader;

	SkyvernExchange(WebClient webClient, ResolvedOptions defaults, long maxResponseSize,
			SkyvernRetryPolicy retryPolicy, Clock clock, Scheduler timer) {
		this.webClient = webClient;
		this.defaults = defaults;
		this.retryPolicy = retryPolicy;
		this.deadlines = new ResponseDeadlines(timer);
		this.translator = new SkyvernFailureTranslator(clock);
		this.reader = new SkyvernResponseReader(maxResponseSize, this.translator);
	}

	<T> Mono<T> exchange(SkyvernCall call, RequestOptions options, ResponseDecoder<T> decoder) {
		ResolvedOptions resolved = options.applyDefaults(this.defaults);
		Mono<T> attempt = this.deadlines.within(Mono.defer(() -> send(call, resolved, decoder)), resolved.timeout())
			.onErrorMap((ex) -> !(ex instanceof SkyvernException),
					(ex) -> this.translator.transport(call, resolved, ex));
		attempt = SkyvernAttemptLog.log(call.operation(), call.runId(), attempt);
		return this.retryPolicy.apply(attempt, call.operation(), call.runId(), resolved.maxRetries());
	}

	private <T> Mono<T> send(SkyvernCall call, ResolvedOptions options, ResponseDecoder<T> decoder) {
		WebClient.RequestBodySpec spec = this.webClient.method(call.operation().method())
			.uri(call.operation().uriTemplate(), (uriBuilder) -> {
				// The call's query values go in as URI variables, so they are encoded as values: a '&',
				// '+' or '=' in a tag or search key stays part of it.
				Map<String, Object> variables = call.pathVariables();
				call.query().forEach((name, values) -> values.forEach((value) -> {
					String variable = "q" + variables.size();
					uriBuilder.queryParam(name, "{" + variable + "}");
					variables.put(variable, value);
				}));
				options.queryParameters().forEach(uriBuilder::queryParam);
				return uriBuilder.build(variables);
			})
			.headers((headers) -> {
				// Most calls have no headers of their own: copying an empty set still costs a walk.
				if (!call.headers().isEmpty()) {
					headers.addAll(call.headers());
				}
				options.headers().forEach(headers::put);
				headers.set(SkyvernHeaders.API_KEY, options.apiKey());
			})
			.accept(MediaType.APPLICATION_JSON);
		Map<String, @Nullable Object> body = call.bodyWith(options.bodyParameters());
		if (body != null) {
			spec.contentType(MediaType.APPLICATION_JSON).bodyValue(SkyvernJson.mapper().writeValueAsBytes(body));
		}
		return spec.exchangeToMono((response) -> this.reader.read(call, options, response, decoder))
			.contextWrite(SkyvernAttemptLog::quietAfterCancel);
	}

	@Override
	public String toString() {
		return "SkyvernExchange[" + this.defaults + "]";
	}

}
