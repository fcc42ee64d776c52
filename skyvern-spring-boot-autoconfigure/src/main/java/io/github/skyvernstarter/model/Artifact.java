package io.github.skyvernstarter.model;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Something a run left behind (a downloaded file, the recording, a screenshot, a log), as
 * {@code GET /v1/runs/{runId}/artifacts} lists it.
 * <p>
 * Only {@link #signedUrl()} is meant to be fetched; {@link #uri()} is Skyvern's internal storage
 * location ({@code s3://}, {@code file://}) and is never fetched by this library.
 *
 * @param artifactId the artifact's id
 * @param artifactType what kind of artifact it is
 * @param uri Skyvern's internal storage location, never fetched
 * @param signedUrl where to fetch the content, if Skyvern could sign a URL
 * @param checksum lowercase hex SHA-256 of the content, if known
 * @param fileSize size in bytes, if known
 * @param archived whether the content was archived (then it cannot be fetched)
 * @param runId the run it belongs to, if given
 * @param workflowRunId the workflow run it belongs to, if any
 * @param taskId the task it belongs to, if any
 * @param stepId the step that produced it, if any
 * @param createdAt when it was stored, if readable
 * @param modifiedAt when it was last changed, if readable
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Artifact(String artifactId, ArtifactType artifactType, @Nullable String uri, @Nullable String signedUrl,
		@Nullable String checksum, @Nullable Long fileSize, boolean archived, @Nullable String runId,
		@Nullable String workflowRunId, @Nullable String taskId, @Nullable String stepId,
		@JsonDeserialize(using = SkyvernLenientTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernLenientTimestampDeserializer.class) @Nullable Instant modifiedAt) {

	/**
	 * Create an artifact.
	 * @param artifactId the artifact's id
	 * @param artifactType what kind of artifact it is
	 * @param uri Skyvern's internal storage location, never fetched
	 * @param signedUrl where to fetch the content, if Skyvern could sign a URL
	 * @param checksum lowercase hex SHA-256 of the content, if known
	 * @param fileSize size in bytes, if known
	 * @param archived whether the content was archived (then it cannot be fetched)
	 * @param runId the run it belongs to, if given
	 * @param workflowRunId the workflow run it belongs to, if any
	 * @param taskId the task it belongs to, if any
	 * @param stepId the step that produced it, if any
	 * @param createdAt when it was stored, if readable
	 * @param modifiedAt when it was last changed, if readable
	 * @throws IllegalArgumentException if the id or the type is missing
	 */
	public Artifact {
		if (artifactId == null || artifactId.isBlank()) {
			throw new IllegalArgumentException("Artifact has no artifact_id");
		}
		if (artifactType == null) {
			throw new IllegalArgumentException("Artifact " + artifactId + " has no artifact_type");
		}
	}

}
