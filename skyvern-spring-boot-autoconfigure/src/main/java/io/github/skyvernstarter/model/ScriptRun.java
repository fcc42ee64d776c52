package io.github.skyvernstarter.model;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Details of a run executed as generated code ({@code run_with = code}).
 *
 * @param aiFallbackTriggered whether the run fell back to the AI agent
 * @param scriptId the script that ran, if any
 * @param scriptRevisionId the script revision that ran, if any
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScriptRun(boolean aiFallbackTriggered, @Nullable String scriptId, @Nullable String scriptRevisionId) {

}
