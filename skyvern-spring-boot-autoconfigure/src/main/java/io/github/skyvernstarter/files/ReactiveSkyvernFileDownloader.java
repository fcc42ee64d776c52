package io.github.skyvernstarter.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.github.skyvernstarter.error.SkyvernDownloadException;
import io.github.skyvernstarter.error.SkyvernDownloadException.Kind;
import io.github.skyvernstarter.files.DownloadStream.DownloadSettings;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.FileInfo;
import io.github.skyvernstarter.model.SkyvernRun;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Downloads the files a run produced ({@code downloaded_files} entries and {@code download}
 * artifacts) without blocking: as a stream of buffers, into a file, into an output stream, or all of a
 * finished run's files into a directory.
 * <p>
 * Every download is streamed (never a whole file in memory), stops at {@code skyvern.files.max-size},
 * is checked against the SHA-256 Skyvern gave, and is retried on transient failures while nothing has
 * been handed on yet. Storage URLs never receive the API key or any Skyvern header; the key goes only
 * to Skyvern's own {@code /v1/artifacts/{id}/content} route, which is also asked (once) when a signed
 * URL has expired. Redirects are followed only to the same scheme, and never with the key.
 *
 * @since 0.1.0
 */
public final class ReactiveSkyvernFileDownloader {

	private final DownloadStream downloads;

	/**
	 * Create a downloader.
	 * @param webClient a WebClient without Skyvern's filters and default headers, that does not follow
	 * redirects itself
	 * @param apiBaseUrl Skyvern's base URL, the only origin the key may go to
	 * @param apiKey the API key, sent only to Skyvern's own content route
	 * @param maxSize the largest file downloaded
	 * @param readTimeout the longest time without data before a download fails
	 * @param maxRetries the most retries of a transient failure
	 */
	public ReactiveSkyvernFileDownloader(WebClient webClient, String apiBaseUrl, String apiKey, DataSize maxSize,
			java.time.Duration readTimeout, long maxRetries) {
		this(webClient, apiBaseUrl, apiKey, new DownloadSettings(maxSize, readTimeout, maxRetries),
				Schedulers.parallel());
	}

	ReactiveSkyvernFileDownloader(WebClient webClient, String apiBaseUrl, String apiKey, DownloadSettings settings,
			Scheduler retryTimer) {
		this.downloads = new DownloadStream(webClient, new DownloadUrls(apiBaseUrl), apiKey, settings, retryTimer);
	}

	/**
	 * Stream a file a run downloaded; the caller releases each buffer.
	 * @param file a {@code downloaded_files} entry
	 * @return the file's bytes; fails with {@link SkyvernDownloadException}
	 */
	public Flux<DataBuffer> stream(FileInfo file) {
		return this.downloads.stream(DownloadSource.of(file));
	}

	/**
	 * Stream an artifact's content; the caller releases each buffer.
	 * @param artifact the artifact, for example of type {@code download}
	 * @return the content; fails with {@link SkyvernDownloadException} (also for an archived artifact)
	 */
	public Flux<DataBuffer> stream(Artifact artifact) {
		return this.downloads.stream(DownloadSource.of(artifact));
	}

	/**
	 * Download a file into the given path; the path appears only once the whole file arrived and was
	 * verified.
	 * @param file a {@code downloaded_files} entry
	 * @param target the file to write (replaced if it exists)
	 * @return the target
	 */
	public Mono<Path> download(FileInfo file, Path target) {
		return save(DownloadSource.of(file), target).thenReturn(target);
	}

	/**
	 * Download an artifact's content into the given path; the path appears only once the whole content
	 * arrived and was verified.
	 * @param artifact the artifact
	 * @param target the file to write (replaced if it exists)
	 * @return the target
	 */
	public Mono<Path> download(Artifact artifact, Path target) {
		return save(DownloadSource.of(artifact), target).thenReturn(target);
	}

	/**
	 * Write a file to the given output stream, which is left open. A checksum mismatch is reported after
	 * the bytes were written.
	 * @param file a {@code downloaded_files} entry
	 * @param out where to write
	 * @return completes when the file was written and verified
	 */
	public Mono<Void> writeTo(FileInfo file, OutputStream out) {
		return DataBufferUtils.write(stream(file), out).map(DataBufferUtils::release).then();
	}

	/**
	 * Save every file of a finished run into a directory (created if missing), one after the other,
	 * under names made safe from the names Skyvern gave: a name cannot leave the directory, and names
	 * that clash get a number.
	 * @param run the finished run
	 * @param directory the target directory
	 * @return the files saved, in the run's order
	 * @throws IllegalArgumentException if the run has not finished
	 */
	public Mono<List<SavedFile>> saveAll(SkyvernRun run, Path directory) {
		if (!run.isFinal()) {
			return Mono.error(new IllegalArgumentException(
					"Run " + run.runId() + " has not finished (status " + run.status() + "): its files may be incomplete"));
		}
		List<FileInfo> files = (run.downloadedFiles() != null) ? run.downloadedFiles() : List.of();
		return Mono.fromCallable(() -> Files.createDirectories(directory))
			.subscribeOn(Schedulers.boundedElastic())
			.thenMany(Flux.defer(() -> {
				Set<String> taken = new HashSet<>();
				return Flux.fromIterable(files).index().concatMap((indexed) -> {
					FileInfo file = indexed.getT2();
					String name = unique(SafeFileNames.sanitize(nameOf(file, indexed.getT1())), taken);
					Path target = SafeFileNames.inside(directory, name);
					return save(DownloadSource.of(file), target).map((size) -> new SavedFile(name, target, size,
							file.checksum()));
				});
			}))
			.collectList();
	}

	private static String nameOf(FileInfo file, long index) {
		if (file.filename() != null && !file.filename().isBlank()) {
			return file.filename();
		}
		String path = file.url().replaceFirst("[?#].*$", "");
		String last = path.substring(path.lastIndexOf('/') + 1);
		return last.isBlank() ? "file-" + (index + 1) : last;
	}

	private static String unique(String name, Set<String> taken) {
		String candidate = name;
		int dot = name.lastIndexOf('.');
		for (int n = 2; !taken.add(candidate.toLowerCase(java.util.Locale.ROOT)); n++) {
			candidate = (dot > 0) ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
		}
		return candidate;
	}

	/**
	 * Write to a hidden partial file next to the target, and move it into place only when the whole file
	 * arrived and was verified; a failed download leaves nothing behind.
	 */
	private Mono<Long> save(DownloadSource source, Path target) {
		return Mono.usingWhen(Mono.fromCallable(() -> partialFile(target)).subscribeOn(Schedulers.boundedElastic()),
				(partial) -> DataBufferUtils
					.write(this.downloads.stream(source), partial, StandardOpenOption.WRITE,
							StandardOpenOption.TRUNCATE_EXISTING)
					.then(Mono.fromCallable(() -> {
						long size = Files.size(partial);
						Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
						return size;
					}).subscribeOn(Schedulers.boundedElastic())),
				(partial) -> deleteQuietly(partial), (partial, ex) -> deleteQuietly(partial),
				(partial) -> deleteQuietly(partial))
			.onErrorMap(IOException.class, (ex) -> new SkyvernDownloadException(Kind.TARGET,
					"Could not write " + source.describe() + " to " + target + ": " + ex.getMessage(), null, ex));
	}

	private static Path partialFile(Path target) throws IOException {
		Path directory = target.toAbsolutePath().getParent();
		return Files.createTempFile(directory, ".skyvern-", ".part");
	}

	private static Mono<Void> deleteQuietly(Path partial) {
		return Mono.fromRunnable(() -> {
			try {
				Files.deleteIfExists(partial);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).subscribeOn(Schedulers.boundedElastic()).onErrorComplete().then();
	}

}
