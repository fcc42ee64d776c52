package io.github.skyvernstarter.model;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A file the run downloaded.
 *
 * @param url where to fetch the file
 * @param checksum checksum of the file, if known
 * @param filename the file's name, if known
 * @param fileSize size in bytes, if known
 * @param modifiedAt when the file was last modified, if known
 * @param artifactId the artifact that stores the file, if any
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileInfo(String url, @Nullable String checksum, @Nullable String filename, @Nullable Long fileSize,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt,
		@Nullable String artifactId) {

}
