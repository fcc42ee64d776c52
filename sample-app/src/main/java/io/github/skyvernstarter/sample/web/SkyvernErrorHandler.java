package io.github.skyvernstarter.sample.web;

import java.net.URI;
import java.util.Map;

import io.github.skyvernstarter.client.SkyvernApiException;
import io.github.skyvernstarter.client.SkyvernAuthenticationException;
import io.github.skyvernstarter.client.SkyvernBadRequestException;
import io.github.skyvernstarter.client.SkyvernConflictException;
import io.github.skyvernstarter.client.SkyvernException;
import io.github.skyvernstarter.client.SkyvernNotFoundException;
import io.github.skyvernstarter.client.SkyvernRateLimitException;
import io.github.skyvernstarter.client.SkyvernTransportException;
import io.github.skyvernstarter.client.SkyvernValidationException;
import io.github.skyvernstarter.client.SkyvernWaitTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * and a rejected API key are this service's upstream problems (502/504). The starter's exception
 * messages never contain the API key.
 */
@RestControllerAdvice
class SkyvernErrorHandler extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(SkyvernErrorHandler.class);

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> waitTimedOut(SkyvernWaitTimeoutException ex) {
		// Not an error: the run goes on, and GET /runs/{runId} follows it.
		return ResponseEntity.accepted()
			.location(URI.create("/runs/" + ex.getRunId()))
			.body(Map.of("run_id", ex.getRunId(), "status",
					(ex.getLastStatus() != null) ? ex.getLastStatus().value() : "unknown", "detail", ex.getMessage()));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> skyvernFailed(SkyvernException ex) {
		HttpStatus status = statusFor(ex);
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
		if (ex instanceof SkyvernApiException api) {
			problem.setProperty("skyvern_status", api.getStatusCode());
		}
		if (ex.getRunId() != null) {
			problem.setProperty("run_id", ex.getRunId());
		}
		if (ex instanceof SkyvernValidationException validation && !validation.getFieldErrors().isEmpty()) {
			problem.setProperty("errors", validation.getFieldErrors().stream().map(Object::toString).toList());
		}
		if (status.is5xxServerError()) {
			logger.warn("Skyvern call failed: " + ex.getMessage());
		}
		HttpHeaders headers = new HttpHeaders();
		if (ex instanceof SkyvernRateLimitException rateLimit && rateLimit.getRetryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, rateLimit.getRetryAfter().toSeconds())));
		}
		return ResponseEntity.status(status).headers(headers).body(problem);
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
