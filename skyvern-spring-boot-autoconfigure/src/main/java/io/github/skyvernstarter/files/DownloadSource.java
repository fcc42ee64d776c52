package io.github.skyvernstarter.files;

import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.FileInfo;
import org.jspecify.annotations.Nullable;

/**
 * One downloadable file, whether it came from a run's {@code downloaded_files} or its artifacts.
 *
 * @param url the URL to fetch, if any
 * @param name the file's name as Skyvern gave it (untrusted), if any
 * @param checksum lowercase hex SHA-256, if given
 * @param size size in bytes, if given
 * @param artifactId the artifact that stores it, for a fresh URL when this one expired
 */
record DownloadSource(@Nullable String url, @Nullable String name, @Nullable String checksum, @Nullable Long size,
		@Nullable String artifactId) {

	static DownloadSource of(FileInfo file) {
		return new DownloadSource(file.url(), file.filename(), file.checksum(), file.fileSize(), file.artifactId());
	}

	static DownloadSource of(Artifact artifact) {
		if (artifact.archived()) {
			return new DownloadSource(null, null, artifact.checksum(), artifact.fileSize(), null);
		}
		return new DownloadSource(artifact.signedUrl(), null, artifact.checksum(), artifact.fileSize(),
				artifact.artifactId());
	}

	/**
	 * Name the file in messages: its name, or its artifact, never its URL (a signed URL is a credential).
	 */
	String describe() {
		if (this.name != null) {
			return "file '" + SafeFileNames.sanitize(this.name) + "'";
		}
		return (this.artifactId != null) ? "artifact " + this.artifactId : "file";
	}

}
