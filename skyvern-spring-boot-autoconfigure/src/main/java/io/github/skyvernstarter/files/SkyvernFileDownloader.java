package io.github.skyvernstarter.files;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import io.github.skyvernstarter.client.Blocking;
import io.github.skyvernstarter.error.SkyvernDownloadException;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.FileInfo;
import io.github.skyvernstarter.model.SkyvernRun;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;

/**
 * Blocking face of {@link ReactiveSkyvernFileDownloader}: the same downloads, with the same limits and
 * the same rules on where the API key goes, blocking only the caller's thread (with a managed block on a
 * {@link java.util.concurrent.ForkJoinPool} worker, as {@link Blocking} describes).
 *
 * @since 0.1.0
 */
public final class SkyvernFileDownloader {

	private final ReactiveSkyvernFileDownloader reactive;

	/**
	 * Create a downloader that blocks on the given non-blocking one.
	 * @param reactive the non-blocking downloader
	 */
	public SkyvernFileDownloader(ReactiveSkyvernFileDownloader reactive) {
		this.reactive = reactive;
	}

	/**
	 * Return the non-blocking face of the same downloads.
	 * @return the reactive downloader
	 */
	public ReactiveSkyvernFileDownloader reactive() {
		return this.reactive;
	}

	/**
	 * Return a file as a {@link Resource} whose input stream downloads it as it is read.
	 * @param file a {@code downloaded_files} entry
	 * @return the resource; reading fails with {@link SkyvernDownloadException} as the cause of an
	 * {@code IOException}
	 */
	public Resource resource(FileInfo file) {
		return new SkyvernFileResource(() -> this.reactive.stream(file),
				SafeFileNames.sanitize((file.filename() != null) ? file.filename() : "file"), file.fileSize());
	}

	/**
	 * Return an artifact's content as a {@link Resource} whose input stream downloads it as it is read.
	 * @param artifact the artifact
	 * @return the resource
	 */
	public Resource resource(Artifact artifact) {
		return new SkyvernFileResource(() -> this.reactive.stream(artifact),
				SafeFileNames.sanitize(artifact.artifactId()), artifact.fileSize());
	}

	/**
	 * Download a file into the given path, which appears only once the file arrived and was verified.
	 * @param file a {@code downloaded_files} entry
	 * @param target the file to write (replaced if it exists)
	 * @return the target
	 * @throws SkyvernDownloadException if the download failed
	 */
	public Path download(FileInfo file, Path target) {
		return block(this.reactive.download(file, target));
	}

	/**
	 * Download an artifact's content into the given path.
	 * @param artifact the artifact
	 * @param target the file to write (replaced if it exists)
	 * @return the target
	 * @throws SkyvernDownloadException if the download failed
	 */
	public Path download(Artifact artifact, Path target) {
		return block(this.reactive.download(artifact, target));
	}

	/**
	 * Write a file to the given output stream, which is left open.
	 * @param file a {@code downloaded_files} entry
	 * @param out where to write
	 * @throws SkyvernDownloadException if the download failed (a checksum mismatch after the bytes were
	 * written)
	 */
	public void writeTo(FileInfo file, OutputStream out) {
		Blocking.block(this.reactive.writeTo(file, out));
	}

	/**
	 * Save every file of a finished run into a directory, under safe names.
	 * @param run the finished run
	 * @param directory the target directory (created if missing)
	 * @return the files saved, in the run's order
	 * @throws SkyvernDownloadException if a download failed (files saved before it stay)
	 */
	public List<SavedFile> saveAll(SkyvernRun run, Path directory) {
		return block(this.reactive.saveAll(run, directory));
	}

	private static <T> T block(Mono<T> mono) {
		T result = Blocking.block(mono);
		if (result == null) {
			throw new IllegalStateException("Download completed without a result");
		}
		return result;
	}

}
