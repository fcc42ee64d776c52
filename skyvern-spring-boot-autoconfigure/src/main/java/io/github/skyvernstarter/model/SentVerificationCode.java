package io.github.skyvernstarter.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What Skyvern stored for a verification code pushed to {@code POST /v1/credentials/totp}. When it found
 * no code in the content (or the organization has no credits to parse it), {@link #code()} is empty
 * and {@link #isPending()} is {@code true}.
 *
 * @param totpCodeId the stored code's id
 * @param code the code Skyvern will use, empty when it found none
 * @param otpType {@code totp} or {@code magic_link}, if known
 * @param totpIdentifier the identifier the code is for
 * @param taskId the task the code is for, if named
 * @param workflowRunId the workflow run the code is for, if named
 * @param workflowId the workflow version the code is for, if named
 * @param source where the code came from, if given
 * @param status Skyvern's status of the code, for example {@code raw_pending}, if given
 * @param createdAt when it was stored
 * @param expiredAt when the code expires, if known
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SentVerificationCode(@Nullable String totpCodeId, String code, @Nullable String otpType,
		@Nullable String totpIdentifier, @Nullable String taskId, @Nullable String workflowRunId,
		@Nullable String workflowId, @Nullable String source, @Nullable String status,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant expiredAt) {

	/**
	 * Create an answer; a missing code is empty.
	 * @param totpCodeId the stored code's id
	 * @param code the code Skyvern will use
	 * @param otpType {@code totp} or {@code magic_link}, if known
	 * @param totpIdentifier the identifier the code is for
	 * @param taskId the task the code is for, if named
	 * @param workflowRunId the workflow run the code is for, if named
	 * @param workflowId the workflow version the code is for, if named
	 * @param source where the code came from, if given
	 * @param status Skyvern's status of the code, if given
	 * @param createdAt when it was stored
	 * @param expiredAt when the code expires, if known
	 */
	public SentVerificationCode {
		code = (code != null) ? code : "";
	}

	/**
	 * Whether Skyvern found no code in what was sent.
	 * @return {@code true} when the code is empty
	 */
	@JsonIgnore
	public boolean isPending() {
		return this.code.isEmpty();
	}

	@Override
	public String toString() {
		// The code is a secret for a few minutes: never in logs.
		return "SentVerificationCode[totpCodeId=" + this.totpCodeId + ", pending=" + isPending() + ", otpType="
				+ this.otpType + ", totpIdentifier=" + this.totpIdentifier + "]";
	}

}
