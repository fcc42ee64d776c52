package io.github.skyvernstarter.sample.web;

import java.util.Map;

import io.github.skyvernstarter.error.SkyvernApiException;
import io.github.skyvernstarter.error.SkyvernAuthenticationException;
import io.github.skyvernstarter.error.SkyvernBadRequestException;
import io.github.skyvernstarter.error.SkyvernConflictException;
import io.github.skyvernstarter.error.SkyvernException;
import io.github.skyvernstarter.error.SkyvernMalformedResponseException;
import io.github.skyvernstarter.error.SkyvernNotFoundException;
import io.github.skyvernstarter.error.SkyvernRateLimitException;
import io.github.skyvernstarter.error.SkyvernTransportException;
import io.github.skyvernstarter.error.SkyvernValidationException;
import io.github.skyvernstarter.error.SkyvernWaitTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers Skyvern errors with a fitting status and a short RFC 9457 problem JSON: the caller's
 * mistakes (unknown run or workflow, bad parameters) keep Skyvern's 4xx status; Skyvern's own failures
 * and a rejected API key are this service's upstream problems (502/504).
 * <p>
 * Whatever comes from Skyvern is passed on bounded: its {@code detail} text (one line, at most
 * {@value #MAX_DETAIL_LENGTH} characters; a proxy's HTML page is not passed on) and a
 * {@code Retry-After} of at most {@value #MAX_RETRY_AFTER_SECONDS} seconds. The full message, which
 * never contains the API key, goes to the log.
 */
@RestControllerAdvice
class SkyvernErrorHandler extends ResponseEntityExceptionHandler {

	static final int MAX_DETAIL_LENGTH = 200;

	static final long MAX_RETRY_AFTER_SECONDS = 60;

	private static final int MAX_FIELD_ERRORS = 20;

	private static final Log logger = LogFactory.getLog(SkyvernErrorHandler.class);

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> waitTimedOut(SkyvernWaitTimeoutException ex) {
		// Not an error: the run goes on, and GET /runs/{runId} follows it.
		return ResponseEntity.accepted()
			.location(RunController.runUri(ex.getRunId()))
			.body(Map.of("run_id", ex.getRunId(), "status",
					(ex.getLastStatus() != null) ? bounded(ex.getLastStatus().value()) : "unknown", "detail",
					"The run did not finish within the wait timeout; it goes on in Skyvern"));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> skyvernFailed(SkyvernException ex) {
		HttpStatus status = statusFor(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(ex));
		if (ex instanceof SkyvernApiException api) {
			problem.setProperty("skyvern_status", api.getStatusCode());
		}
		if (ex.getRunId() != null) {
			problem.setProperty("run_id", bounded(ex.getRunId()));
		}
		if (ex instanceof SkyvernValidationException validation && !validation.getFieldErrors().isEmpty()) {
			problem.setProperty("errors", validation.getFieldErrors()
				.stream()
				.limit(MAX_FIELD_ERRORS)
				.map((error) -> bounded(error.toString()))
				.toList());
		}
		if (status.is5xxServerError()) {
			logger.warn("Skyvern call failed: " + oneLine(String.valueOf(ex.getMessage())));
		}
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof SkyvernRateLimitException rateLimit && rateLimit.getRetryAfter() != null) {
			long seconds = Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, rateLimit.getRetryAfter().toSeconds()));
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		}
		return ResponseEntity.status(status).headers(headers).body(problem);
	}

	/**
	 * Return this service's own words for a failure, with Skyvern's {@code detail} where it gave one:
	 * transport and parsing failures say what happened without echoing what came over the wire.
	 */
	static String detail(SkyvernException ex) {
		if (ex instanceof SkyvernApiException api) {
			String detail = skyvernDetail(api);
			return "Skyvern answered " + api.getStatusCode() + ((detail != null) ? ": " + detail : "");
		}
		if (ex instanceof SkyvernTransportException transport) {
			return switch (transport.getKind()) {
				case CONNECT -> "Skyvern could not be reached";
				case RESPONSE_TIMEOUT -> "Skyvern did not answer in time";
				case CONNECTION_LOST -> "The connection to Skyvern was lost";
				default -> "The Skyvern call failed";
			} + (ex.runMayHaveBeenCreated() ? "; the run may or may not have been created" : "");
		}
		if (ex instanceof SkyvernMalformedResponseException) {
			return "Skyvern answered with a body that is not what Skyvern documents";
		}
		return "The Skyvern call failed";
	}

	/**
	 * Return Skyvern's error text if it is one line of text; an answer that is not Skyvern's JSON (a
	 * proxy's HTML page, a stack trace) is not passed on.
	 */
	static @Nullable String skyvernDetail(SkyvernApiException ex) {
		String detail = ex.getDetail();
		if (detail == null || detail.isBlank()) {
			return null;
		}
		String text = detail.strip();
		if (text.startsWith("<") || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
			return null;
		}
		return bounded(text);
	}

	static String bounded(String text) {
		String line = oneLine(text);
		return (line.length() <= MAX_DETAIL_LENGTH) ? line : line.substring(0, MAX_DETAIL_LENGTH) + "...";
	}

	private static String oneLine(String text) {
		return text.codePoints()
			.map((c) -> Character.isISOControl(c) ? ' ' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	static HttpStatus statusFor(SkyvernException ex) {
		if (ex instanceof SkyvernNotFoundException) {
			return HttpStatus.NOT_FOUND;
		}
		if (ex instanceof SkyvernValidationException) {
			return HttpStatus.UNPROCESSABLE_CONTENT;
		}
		if (ex instanceof SkyvernBadRequestException) {
			return HttpStatus.BAD_REQUEST;
		}
		if (ex instanceof SkyvernConflictException) {
			return HttpStatus.CONFLICT;
		}
		if (ex instanceof SkyvernRateLimitException) {
			return HttpStatus.TOO_MANY_REQUESTS;
		}
		if (ex instanceof SkyvernAuthenticationException) {
			// This service's key was refused: the caller can do nothing about it.
			return HttpStatus.BAD_GATEWAY;
		}
		if (ex instanceof SkyvernTransportException transport
				&& transport.getKind() == SkyvernTransportException.Kind.RESPONSE_TIMEOUT) {
			return HttpStatus.GATEWAY_TIMEOUT;
		}
		return HttpStatus.BAD_GATEWAY;
	}

}
