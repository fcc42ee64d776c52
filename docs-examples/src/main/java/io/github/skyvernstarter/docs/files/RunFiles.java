package io.github.skyvernstarter.docs.files;

import java.nio.file.Path;
import java.util.List;

import io.github.skyvernstarter.files.ReactiveSkyvernFileDownloader;
import io.github.skyvernstarter.files.SavedFile;
import io.github.skyvernstarter.files.SkyvernFileDownloader;
import io.github.skyvernstarter.model.FileInfo;
import io.github.skyvernstarter.model.SkyvernRun;
import reactor.core.publisher.Flux;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

@Service
class RunFiles {

	private final SkyvernFileDownloader files;

	RunFiles(SkyvernFileDownloader files) {
		this.files = files;
	}

	// tag::saveAll[]
	List<SavedFile> keepInvoices(SkyvernRun finishedRun) {
		// Safe names, inside the directory; each file verified against Skyvern's SHA-256.
		return this.files.saveAll(finishedRun, Path.of("/var/invoices", finishedRun.runId()));
	}
	// end::saveAll[]

	// tag::resource[]
	ResponseEntity<Resource> passThrough(FileInfo file) {
		Resource resource = this.files.resource(file); // downloaded while the response is written
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(resource.getFilename()).build().toString())
			.body(resource);
	}
	// end::resource[]

	// tag::stream[]
	Flux<DataBuffer> stream(ReactiveSkyvernFileDownloader downloader, FileInfo file) {
		return downloader.stream(file); // the subscriber releases each buffer
	}
	// end::stream[]

}
