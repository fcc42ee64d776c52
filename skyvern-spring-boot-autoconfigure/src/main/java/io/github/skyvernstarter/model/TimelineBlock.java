package io.github.skyvernstarter.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.NullNode;

/**
 * A block of a workflow run, as its timeline shows it: what it was, how it ended and why.
 *
 * @param workflowRunBlockId the block run's id
 * @param workflowRunId the workflow run it belongs to
 * @param blockType the kind of block, for example {@code navigation} or {@code for_loop}
 * @param label the block's label in the workflow, if any
 * @param description the block's description, if any
 * @param status the block's status, for example {@code completed} or {@code failed}, if known
 * @param failureReason why the block failed, if it did
 * @param errorCodes error codes the block reported, if any
 * @param output the block's output: an object, array, string or JSON null
 * @param taskId the task the block ran, if any
 * @param url the URL the block started at, if any
 * @param finalUrl the URL the block ended at, if any
 * @param downloadedFileCount how many files the block downloaded, if known
 * @param createdAt when the block started
 * @param modifiedAt when the block was last changed
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TimelineBlock(@Nullable String workflowRunBlockId, @Nullable String workflowRunId,
		@Nullable String blockType, @Nullable String label, @Nullable String description, @Nullable String status,
		@Nullable String failureReason, @Nullable List<String> errorCodes, JsonNode output, @Nullable String taskId,
		@Nullable String url, @Nullable String finalUrl, @Nullable Integer downloadedFileCount,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt) {

	/**
	 * Create a block; a missing output becomes JSON null.
	 * @param workflowRunBlockId the block run's id
	 * @param workflowRunId the workflow run it belongs to
	 * @param blockType the kind of block
	 * @param label the block's label in the workflow, if any
	 * @param description the block's description, if any
	 * @param status the block's status, if known
	 * @param failureReason why the block failed, if it did
	 * @param errorCodes error codes the block reported, if any
	 * @param output the block's output
	 * @param taskId the task the block ran, if any
	 * @param url the URL the block started at, if any
	 * @param finalUrl the URL the block ended at, if any
	 * @param downloadedFileCount how many files the block downloaded, if known
	 * @param createdAt when the block started
	 * @param modifiedAt when the block was last changed
	 */
	public TimelineBlock {
		output = (output != null) ? output : NullNode.getInstance();
	}

	/**
	 * Whether the block ended in failure (status {@code failed}, {@code terminated} or
	 * {@code timed_out}).
	 * @return {@code true} for a failed block
	 */
	@JsonIgnore
	public boolean isFailed() {
		return "failed".equals(this.status) || "terminated".equals(this.status) || "timed_out".equals(this.status);
	}

}
