package io.github.skyvernstarter.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A verification code (or the e-mail or SMS text holding it) pushed to Skyvern with
 * {@code POST /v1/credentials/totp}, for runs started with the same {@code totp_identifier}.
 * Immutable; each {@code with} method returns a copy.
 * <p>
 * Content of up to 10 characters is taken as the code; longer content is read by Skyvern's model
 * (billed).
 *
 * @param totpIdentifier the identifier the run was started with, for example an e-mail address
 * @param content the code, or the message holding it
 * @param workflowRunId the workflow run the code is for, if known
 * @param taskId the task the code is for, if known
 * @param workflowId the workflow version ({@code w_...}, not {@code wpid_...}) the code is for, if known
 * @param source where the code came from, for example {@code email} or {@code sms}
 * @param expiredAt when the code expires, if known
 * @since 0.1.0
 */
public record VerificationCodeRequest(String totpIdentifier, String content, @Nullable String workflowRunId,
		@Nullable String taskId, @Nullable String workflowId, @Nullable String source, @Nullable Instant expiredAt) {

	/**
	 * Create a request.
	 * @param totpIdentifier the identifier the run was started with
	 * @param content the code, or the message holding it
	 * @param workflowRunId the workflow run the code is for, if known
	 * @param taskId the task the code is for, if known
	 * @param workflowId the workflow version the code is for, if known
	 * @param source where the code came from, if known
	 * @param expiredAt when the code expires, if known
	 * @throws IllegalArgumentException if the identifier or the content is blank, or the workflow id is
	 * a permanent id (Skyvern answers 400)
	 */
	public VerificationCodeRequest {
		if (totpIdentifier == null || totpIdentifier.isBlank()) {
			throw new IllegalArgumentException("totpIdentifier must not be blank");
		}
		if (content == null || content.isBlank()) {
			throw new IllegalArgumentException("content must not be blank");
		}
		if (workflowId != null && workflowId.startsWith("wpid_")) {
			throw new IllegalArgumentException(
					"workflowId must name a workflow version (w_...), not a permanent id (wpid_...)");
		}
	}

	/**
	 * Return a request pushing the given code for runs started with the given identifier.
	 * @param totpIdentifier the identifier the run was started with
	 * @param content the code, or the message holding it
	 * @return the request
	 */
	public static VerificationCodeRequest of(String totpIdentifier, String content) {
		return new VerificationCodeRequest(totpIdentifier, content, null, null, null, null, null);
	}

	/**
	 * Return a copy naming the workflow run the code is for.
	 * @param workflowRunId the workflow run ({@code wr_...})
	 * @return the copy
	 */
	public VerificationCodeRequest withWorkflowRunId(@Nullable String workflowRunId) {
		return new VerificationCodeRequest(this.totpIdentifier, this.content, workflowRunId, this.taskId,
				this.workflowId, this.source, this.expiredAt);
	}

	/**
	 * Return a copy naming the task the code is for.
	 * @param taskId the task ({@code tsk_...})
	 * @return the copy
	 */
	public VerificationCodeRequest withTaskId(@Nullable String taskId) {
		return new VerificationCodeRequest(this.totpIdentifier, this.content, this.workflowRunId, taskId,
				this.workflowId, this.source, this.expiredAt);
	}

	/**
	 * Return a copy naming where the code came from.
	 * @param source for example {@code email}, {@code sms} or {@code app}
	 * @return the copy
	 */
	public VerificationCodeRequest withSource(@Nullable String source) {
		return new VerificationCodeRequest(this.totpIdentifier, this.content, this.workflowRunId, this.taskId,
				this.workflowId, source, this.expiredAt);
	}

	/**
	 * Return a copy with the time the code expires.
	 * @param expiredAt when the code expires
	 * @return the copy
	 */
	public VerificationCodeRequest withExpiredAt(@Nullable Instant expiredAt) {
		return new VerificationCodeRequest(this.totpIdentifier, this.content, this.workflowRunId, this.taskId,
				this.workflowId, this.source, expiredAt);
	}

	@Override
	public String toString() {
		// The content is the code, or a message holding it: never in logs.
		return "VerificationCodeRequest[totpIdentifier=" + this.totpIdentifier + ", workflowRunId="
				+ this.workflowRunId + ", taskId=" + this.taskId + ", content=(" + this.content.length() + " chars)]";
	}

}
