package io.github.skyvernstarter.sample.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.skyvernstarter.sample.twofactor.DemoVerificationCodes;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Takes the 2FA code a run waits for (typed by a person, in this demo); Skyvern then gets it from the
 * starter's receiver at {@code /skyvern/totp}.
 */
@RestController
class VerificationCodeController {

	private final DemoVerificationCodes codes;

	VerificationCodeController(DemoVerificationCodes codes) {
		this.codes = codes;
	}

	/**
	 * Hold a code for a run: {@code {"run_id": "wr_...", "code": "123456"}}.
	 */
	@PostMapping("/verification-codes")
	ResponseEntity<Void> put(@RequestBody CodeForRun body) {
		if (blank(body.runId()) || blank(body.code()) || body.runId().length() > 100 || body.code().length() > 100) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "run_id and code are required");
		}
		if (!this.codes.put(body.runId(), body.code())) {
			throw new ResponseStatusException(HttpStatus.TOO_MANY_REQUESTS, "Too many codes held");
		}
		return ResponseEntity.noContent().build();
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * The posted code, in the JSON field names of the request.
	 */
	record CodeForRun(@JsonProperty("run_id") @Nullable String runId, @Nullable String code) {

	}

}
