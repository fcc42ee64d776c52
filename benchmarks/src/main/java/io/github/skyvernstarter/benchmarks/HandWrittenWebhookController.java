package io.github.skyvernstarter.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario 3's fair anchor: the webhook endpoint an application writes by hand without the starter.
 * It reads the body as bytes, checks the timestamp and the HMAC-SHA256 signature in constant time,
 * parses the body into a map with Boot's {@link JsonMapper} and publishes an event; no idempotency
 * claim and no body limits, which the starter's receiver has.
 */
@RestController
class HandWrittenWebhookController {

	static final String PATH = "/hand-written";

	private static final long TOLERANCE_SECONDS = 300;

	private final SecretKeySpec key = new SecretKeySpec(ClientApp.API_KEY.getBytes(StandardCharsets.UTF_8),
			"HmacSHA256");

	private final JsonMapper jsonMapper;

	private final ApplicationEventPublisher events;

	HandWrittenWebhookController(JsonMapper jsonMapper, ApplicationEventPublisher events) {
		this.jsonMapper = jsonMapper;
		this.events = events;
	}

	@PostMapping(PATH)
	ResponseEntity<Void> receive(@RequestBody byte[] body, @RequestHeader("x-skyvern-signature") String signature,
			@RequestHeader("x-skyvern-timestamp") long timestamp) throws GeneralSecurityException {
		if (Math.abs(System.currentTimeMillis() / 1000 - timestamp) > TOLERANCE_SECONDS) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(this.key);
		byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		Map<?, ?> run = this.jsonMapper.readValue(body, Map.class);
		this.events.publishEvent(new RunFinished(run));
		return ResponseEntity.ok().build();
	}

	/**
	 * The event the hand-written endpoint publishes.
	 * @param run the parsed body
	 */
	record RunFinished(Map<?, ?> run) {

	}

}
