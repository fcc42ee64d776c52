package io.github.skyvernstarter.fake;

import org.jspecify.annotations.Nullable;

/**
 * A verification code pushed to the fake with {@code POST /v1/credentials/totp}.
 *
 * @param totpIdentifier the identifier the code is for
 * @param content the code, or the message holding it
 * @param workflowRunId the workflow run it is for, if named
 * @since 0.1.0
 */
public record FakeVerificationCode(String totpIdentifier, String content, @Nullable String workflowRunId) {

}
