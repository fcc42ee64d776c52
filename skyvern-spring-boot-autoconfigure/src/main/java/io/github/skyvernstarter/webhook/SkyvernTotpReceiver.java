package io.github.skyvernstarter.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.skyvernstarter.model.SkyvernJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Answers Skyvern's signed requests for a 2FA verification code (a run's {@code totp_url}),
 * independently of the web stack, with the checks of {@link SkyvernWebhookReceiver}: method (405),
 * content type (415), size (413), a signature over the raw bytes (401) before the body is parsed; then
 * a JSON object naming a run (400), and only then the {@link SkyvernVerificationCodeProvider}.
 * <p>
 * The answer is {@code 200 {"verification_code":"..."}}, or {@code 200 {}} when there is no code yet,
 * which makes Skyvern ask again about 10 seconds later; a provider that throws gets a 500, which Skyvern
 * also treats as "ask again". Skyvern signs these requests with the organization's newest API key, so
 * during a key rotation both keys belong in the verifier.
 *
 * @since 0.1.0
 */
public final class SkyvernTotpReceiver implements SkyvernWebhookEndpoint {

	/** The largest 2FA request read: Skyvern's holds three ids. */
	public static final long MAX_BODY_SIZE = 64 * 1024;

	private static final Log logger = LogFactory.getLog(SkyvernTotpReceiver.class);

	private static final int MAX_ID_LENGTH = 256;

	private static final Map<String, String> JSON = Map.of(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);

	private final WebhookRequestCheck requestCheck;

	private final WebhookSignatureCheck signatureCheck;

	private final SkyvernVerificationCodeProvider provider;

	/**
	 * Create a receiver that verifies signatures.
	 * @param verifier verifies signatures, with every key that may sign (the organization's newest)
	 * @param provider gives the codes
	 * @param maxBodySize the largest body read, at most {@link #MAX_BODY_SIZE}
	 */
	public SkyvernTotpReceiver(SkyvernWebhookVerifier verifier, SkyvernVerificationCodeProvider provider,
			long maxBodySize) {
		this(verifier, provider, maxBodySize, true, Clock.systemUTC());
	}

	/**
	 * Create a receiver.
	 * @param verifier verifies signatures
	 * @param provider gives the codes
	 * @param maxBodySize the largest body read, at most {@link #MAX_BODY_SIZE}
	 * @param verifySignatures whether to verify signatures; {@code false} gives codes to anyone who asks
	 * @param clock the clock for spacing warnings
	 */
	public SkyvernTotpReceiver(SkyvernWebhookVerifier verifier, SkyvernVerificationCodeProvider provider,
			long maxBodySize, boolean verifySignatures, Clock clock) {
		this.requestCheck = new WebhookRequestCheck(Math.min(maxBodySize, MAX_BODY_SIZE));
		this.signatureCheck = new WebhookSignatureCheck(verifier, verifySignatures, clock);
		this.provider = provider;
	}

	@Override
	public long getMaxBodySize() {
		return this.requestCheck.maxBodySize();
	}

	@Override
	public @Nullable SkyvernWebhookResponse checkRequest(String method, HttpHeaders headers) {
		SkyvernWebhookResponse rejection = this.requestCheck.check(method, headers);
		return (rejection != null) ? rejection : this.signatureCheck.checkPresent(headers);
	}

	@Override
	public SkyvernWebhookResponse receive(HttpHeaders headers, byte[] body) {
		if (this.requestCheck.isTooLarge(body)) {
			return bodyTooLarge();
		}
		SkyvernWebhookResponse rejection = this.signatureCheck.check(headers, body);
		if (rejection != null) {
			return rejection;
		}
		SkyvernVerificationCodeRequest request = read(body);
		if (request == null || request.runId() == null) {
			return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.MALFORMED, 400,
					"not a Skyvern verification code request");
		}
		String code;
		try {
			code = this.provider.verificationCode(request);
		}
		catch (RuntimeException ex) {
			logger.warn("SkyvernVerificationCodeProvider failed for run " + LogSanitizer.safe(String.valueOf(request.runId()))
					+ "; Skyvern will ask again", ex);
			return new SkyvernWebhookResponse(500, "{}", JSON, SkyvernWebhookOutcome.LISTENER_ERROR);
		}
		if (code == null || code.isBlank()) {
			// Skyvern asks again about every 10 seconds, for up to 15 minutes.
			return new SkyvernWebhookResponse(200, "{}", JSON, SkyvernWebhookOutcome.IGNORED);
		}
		// Always a JSON string: a number would break Skyvern's wait.
		String answer = JsonNodeFactory.instance.objectNode().put("verification_code", code.strip()).toString();
		return new SkyvernWebhookResponse(200, answer, JSON, SkyvernWebhookOutcome.ACCEPTED);
	}

	@Override
	public SkyvernWebhookResponse bodyTooLarge() {
		return WebhookRequestCheck.bodyTooLarge();
	}

	@Override
	public void answered(SkyvernWebhookResponse answer, Duration elapsed) {
		if (logger.isDebugEnabled()) {
			logger.debug("Answered a Skyvern verification code request: " + answer.status() + " "
					+ answer.outcome().value() + " in " + elapsed.toMillis() + " ms");
		}
	}

	private static @Nullable SkyvernVerificationCodeRequest read(byte[] body) {
		JsonNode json;
		try {
			json = SkyvernJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (json == null || !json.isObject()) {
			return null;
		}
		return new SkyvernVerificationCodeRequest(id(json, "task_id"), id(json, "workflow_run_id"),
				id(json, "workflow_permanent_id"));
	}

	private static @Nullable String id(JsonNode json, String field) {
		JsonNode value = json.get(field);
		if (value == null || !value.isString()) {
			return null;
		}
		String id = value.asString();
		return (id.isBlank() || id.length() > MAX_ID_LENGTH) ? null : id;
	}

}
