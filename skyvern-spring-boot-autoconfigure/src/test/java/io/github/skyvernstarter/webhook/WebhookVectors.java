package io.github.skyvernstarter.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signature vectors produced by Skyvern's own signing functions, from the build's one copy of
 * {@code webhook-vectors.json} in this module's test resources (the test kit's tests read the same
 * file), so the tests need nothing outside the repository.
 */
final class WebhookVectors {

	static final String RESOURCE = "webhook-vectors.json";

	private static final List<Vector> ALL = load();

	private WebhookVectors() {
	}

	static List<Vector> all() {
		return ALL;
	}

	private static byte[] resourceBytes() {
		try (InputStream in = WebhookVectors.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is missing from the test resources");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * HMAC-SHA256 in lowercase hex, computed here independently of the code under test; accepts an
	 * empty key, as Python's {@code hmac} does.
	 */
	static String hmacHex(byte[] key, byte[] body) {
		try {
			// HMAC pads the key with zeros to the block size, so an empty key equals the key {0}; the
			// JDK refuses an empty key spec.
			byte[] usableKey = (key.length == 0) ? new byte[] { 0 } : key;
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(usableKey, "HmacSHA256"));
			return java.util.HexFormat.of().formatHex(mac.doFinal(body));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Vector> load() {
		JsonNode root = JsonMapper.builder().build().readTree(resourceBytes());
		List<Vector> vectors = new ArrayList<>();
		for (JsonNode vector : root.get("vectors")) {
			Map<String, String> headers = new LinkedHashMap<>();
			vector.get("signature_headers").properties().forEach((entry) -> headers.put(entry.getKey(), entry.getValue().asString()));
			JsonNode negative = vector.get("negative_check");
			vectors.add(new Vector(vector.get("id").asString(), vector.get("api_key").asString(),
					Base64.getDecoder().decode(vector.get("body_utf8_base64").asString()),
					vector.get("signature").asString(), vector.get("timestamp").asString(), headers,
					Base64.getDecoder()
						.decode(negative.get("body_reserialized_with_default_json_dumps_utf8_base64").asString()),
					negative.get("hmac_over_reserialized_body").asString(),
					negative.get("matches_signature").asBoolean(), vector.get("frozen_utcnow").asString(),
					vector.get("process_tz").asString()));
		}
		return List.copyOf(vectors);
	}

	/**
	 * One vector.
	 */
	record Vector(String id, String apiKey, byte[] body, String signature, String timestamp,
			Map<String, String> headers, byte[] reserializedBody, String hmacOverReserializedBody,
			boolean reserializedMatches, String frozenUtcNow, String processTimeZone) {

		@Override
		public String toString() {
			return this.id;
		}

	}

}
