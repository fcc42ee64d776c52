package io.github.skyvernstarter.sample.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.files.SavedFile;
import io.github.skyvernstarter.files.SkyvernFileDownloader;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SkyvernRun;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Why a run did what it did, running it again, and the files it downloaded: the starter's timeline,
 * artifacts, retry and download operations.
 */
@RestController
class RunDiagnosticsController {

	// Run ids become directory names below: only Skyvern's own id characters.
	private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

	private final SkyvernWorkflowOperations skyvern;

	private final SkyvernFileDownloader files;

	private final Path filesDirectory;

	RunDiagnosticsController(SkyvernWorkflowOperations skyvern, SkyvernFileDownloader files,
			@Value("${sample.files-directory:${java.io.tmpdir}/skyvern-sample-files}") Path filesDirectory) {
		this.skyvern = skyvern;
		this.files = files;
		this.filesDirectory = filesDirectory;
	}

	@GetMapping("/runs/{runId}/timeline")
	List<RunTimelineEntry> timeline(@PathVariable String runId) {
		return this.skyvern.getRunTimeline(runId);
	}

	@GetMapping("/runs/{runId}/artifacts")
	List<Artifact> artifacts(@PathVariable String runId) {
		return this.skyvern.getRunArtifacts(runId);
	}

	/**
	 * Run a finished run again; answers the new run, like a run start.
	 */
	@PostMapping("/runs/{runId}/retry")
	ResponseEntity<SkyvernRun> retry(@PathVariable String runId) {
		SkyvernRun run = this.skyvern.retryRun(runId);
		return ResponseEntity.created(RunController.runUri(run.runId())).body(run);
	}

	/**
	 * Save the files a finished run downloaded under {@code sample.files-directory}/{runId} and list them.
	 */
	@GetMapping("/runs/{runId}/files")
	Map<String, Object> files(@PathVariable String runId) {
		if (!RUN_ID.matcher(runId).matches()) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.BAD_REQUEST, "Not a run id");
		}
		SkyvernRun run = this.skyvern.getRun(runId);
		if (!run.isFinal()) {
			throw new ResponseStatusException(org.springframework.http.HttpStatus.CONFLICT,
					"Run " + runId + " has not finished (" + run.status() + ")");
		}
		Path directory = this.filesDirectory.resolve(runId);
		List<SavedFile> saved = this.files.saveAll(run, directory);
		return Map.of("run_id", runId, "directory", directory.toString(), "files", saved.stream()
			.map((file) -> Map.of("name", file.name(), "size", file.size(), "verified", file.checksum() != null))
			.toList());
	}

}
