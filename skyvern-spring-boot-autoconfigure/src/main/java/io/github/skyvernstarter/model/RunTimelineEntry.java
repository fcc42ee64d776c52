package io.github.skyvernstarter.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One entry of a run's timeline, as {@code GET /v1/runs/{runId}/timeline} lists them (newest first):
 * a block the workflow ran, or a thought of Skyvern's agent, with the entries nested inside it.
 *
 * @param type {@code block} or {@code thought} (newer servers may add others)
 * @param block the block, for a block entry
 * @param thought the thought, for a thought entry
 * @param children the entries nested in this one
 * @param createdAt when the entry was created
 * @param modifiedAt when the entry was last changed
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunTimelineEntry(String type, @Nullable TimelineBlock block, @Nullable TimelineThought thought,
		List<RunTimelineEntry> children,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt) {

	/**
	 * Create an entry; missing children are none.
	 * @param type {@code block} or {@code thought}
	 * @param block the block, for a block entry
	 * @param thought the thought, for a thought entry
	 * @param children the entries nested in this one
	 * @param createdAt when the entry was created
	 * @param modifiedAt when the entry was last changed
	 * @throws IllegalArgumentException if the type is missing
	 */
	public RunTimelineEntry {
		if (type == null) {
			throw new IllegalArgumentException("Timeline entry has no type");
		}
		children = (children != null) ? List.copyOf(children) : List.of();
	}

	/**
	 * Whether this entry is a block of the workflow.
	 * @return {@code true} for a block entry that carries its block
	 */
	@JsonIgnore
	public boolean isBlockEntry() {
		return "block".equals(this.type) && this.block != null;
	}

	/**
	 * Return the first failed block in this entry and the entries nested in it, depth first.
	 * @return the failed block, or {@code null} when no block failed
	 */
	@JsonIgnore
	public @Nullable TimelineBlock firstFailedBlock() {
		if (this.block != null && this.block.isFailed()) {
			return this.block;
		}
		for (RunTimelineEntry child : this.children) {
			TimelineBlock failed = child.firstFailedBlock();
			if (failed != null) {
				return failed;
			}
		}
		return null;
	}

}
