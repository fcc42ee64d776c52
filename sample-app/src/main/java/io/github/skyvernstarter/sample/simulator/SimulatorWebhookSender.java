package io.github.skyvernstarter.sample.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends run-finished webhooks as Skyvern does: the body signed with HMAC-SHA256 (lowercase hex,
 * keyed with the API key that started the run) in {@code x-skyvern-signature}, the unsigned send time
 * in {@code x-skyvern-timestamp}, up to 3 attempts a second apart on network errors and retryable
 * statuses.
 */
final class SimulatorWebhookSender {

	private static final Log logger = LogFactory.getLog(SimulatorWebhookSender.class);

	private static final int MAX_ATTEMPTS = 3;

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private static final Set<Integer> RETRYABLE = Set.of(403, 408, 425, 429);

	private final HttpClient httpClient = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final ScheduledExecutorService scheduler;

	SimulatorWebhookSender(ScheduledExecutorService scheduler) {
		this.scheduler = scheduler;
	}

	void send(String runId, String status, URI target, byte[] body, String apiKey) {
		attempt(runId, status, target, body, apiKey, 1);
	}

	private void attempt(String runId, String status, URI target, byte[] body, String apiKey, int attempt) {
		HttpRequest request = HttpRequest.newBuilder(target)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("x-skyvern-signature", sign(body, apiKey))
			.header("x-skyvern-timestamp", Long.toString(Instant.now().getEpochSecond()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		this.httpClient.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
			int statusCode = (response != null) ? response.statusCode() : -1;
			if (ex == null && statusCode >= 200 && statusCode < 300) {
				logger.info("Skyvern simulator: webhook for run " + runId + " (" + status + ") delivered to " + target
						+ ", answered " + statusCode);
				return;
			}
			String outcome = (ex != null) ? ex.getClass().getSimpleName() : "answered " + statusCode;
			boolean retryable = ex != null || statusCode >= 500 || RETRYABLE.contains(statusCode);
			if (retryable && attempt < MAX_ATTEMPTS) {
				this.scheduler.schedule(() -> attempt(runId, status, target, body, apiKey, attempt + 1),
						RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
			}
			else {
				logger.warn("Skyvern simulator: webhook for run " + runId + " to " + target + " failed after "
						+ attempt + " attempt(s): " + outcome);
			}
		});
	}

	static String sign(byte[] body, String apiKey) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(apiKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
