package io.github.skyvernstarter.model;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A thought of Skyvern's agent, as a run's timeline shows it: what it saw, thought and answered.
 *
 * @param thoughtId the thought's id
 * @param workflowRunBlockId the block it belongs to, if any
 * @param thoughtType the kind of thought, for example {@code plan}, if known
 * @param thoughtScenario the situation it was about, if known
 * @param userInput the input it was given, if any
 * @param observation what the agent observed, if recorded
 * @param thought what the agent thought, if recorded
 * @param answer what the agent answered, if recorded
 * @param createdAt when the thought was recorded
 * @param modifiedAt when the thought was last changed
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TimelineThought(@Nullable String thoughtId, @Nullable String workflowRunBlockId,
		@Nullable String thoughtType, @Nullable String thoughtScenario, @Nullable String userInput,
		@Nullable String observation, @Nullable String thought, @Nullable String answer,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt) {

}
