package io.github.skyvernstarter.fake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays Skyvern's side of 2FA: asks an application's {@code totp_url} for a run's verification code
 * the way Skyvern does, with a compact JSON body naming the run, signed like a webhook with the
 * organization's API key, and reads the answer as Skyvern does.
 *
 * @since 0.1.0
 */
public final class FakeTotpRequester {

	private final FakeWebhookSender sender;

	/**
	 * Create a requester that signs with the given key.
	 * @param apiKey the organization's newest API key, which Skyvern signs these requests with
	 * @param clock the clock for {@code x-skyvern-timestamp}
	 */
	public FakeTotpRequester(String apiKey, Clock clock) {
		this.sender = new FakeWebhookSender(apiKey, clock);
	}

	/**
	 * Ask once for the code of a workflow run.
	 * @param totpUrl the application's 2FA URL
	 * @param workflowRunId the run that needs the code ({@code wr_...})
	 * @param workflowPermanentId the run's workflow, or {@code null}
	 * @return the answer
	 */
	public Answer requestForWorkflowRun(URI totpUrl, String workflowRunId, @Nullable String workflowPermanentId) {
		ObjectNode body = JsonNodeFactory.instance.objectNode().put("workflow_run_id", workflowRunId);
		if (workflowPermanentId != null) {
			body.put("workflow_permanent_id", workflowPermanentId);
		}
		return request(totpUrl, body);
	}

	/**
	 * Ask once for the code of a task (a 1.0 task sends only its id).
	 * @param totpUrl the application's 2FA URL
	 * @param taskId the task that needs the code ({@code tsk_...})
	 * @return the answer
	 */
	public Answer requestForTask(URI totpUrl, String taskId) {
		return request(totpUrl, JsonNodeFactory.instance.objectNode().put("task_id", taskId));
	}

	private Answer request(URI totpUrl, ObjectNode body) {
		FakeWebhookDelivery delivery = this.sender.deliver(totpUrl, body.toString().getBytes(StandardCharsets.UTF_8));
		return new Answer(delivery.statusCode(), code(delivery), delivery.responseBody());
	}

	private static @Nullable String code(FakeWebhookDelivery delivery) {
		if (delivery.statusCode() != 200) {
			return null;
		}
		try {
			JsonNode code = FakeJson.read(delivery.responseBody().getBytes(StandardCharsets.UTF_8))
				.get("verification_code");
			// Skyvern takes only a JSON string; anything else (a number too) is no code.
			return (code != null && code.isString() && !code.asString().isBlank()) ? code.asString() : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * The application's answer, as Skyvern reads it.
	 *
	 * @param status the HTTP status
	 * @param code the verification code, or {@code null} when Skyvern would ask again
	 * @param body the raw answer body
	 * @since 0.1.0
	 */
	public record Answer(int status, @Nullable String code, String body) {

		/**
		 * Whether Skyvern would ask again (no code in the answer).
		 * @return {@code true} when there is no code
		 */
		public boolean askAgain() {
			return this.code == null;
		}

	}

}
