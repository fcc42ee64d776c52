package io.github.skyvernstarter.files;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.skyvernstarter.error.SkyvernDownloadException;
import io.github.skyvernstarter.error.SkyvernDownloadException.Kind;
import io.github.skyvernstarter.files.DownloadStream.DownloadSettings;
import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.FileInfo;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.support.RecordingScheduler;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.node.NullNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ReactiveSkyvernFileDownloader} and {@link SkyvernFileDownloader} against a Skyvern
 * stub and a storage stub on another port. The storage stub answers 500 to any request that carries
 * {@code x-api-key}, and after each test no request to it may have carried one.
 */
class SkyvernFileDownloaderTests {

	@RegisterExtension
	static WireMockExtension skyvern = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@RegisterExtension
	static WireMockExtension storage = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String KEY = "sk-files-key-93ab";

	private static final byte[] INVOICE = "%PDF-1.7 invoice 2026-07".getBytes(StandardCharsets.UTF_8);

	private final RecordingScheduler retryDelays = new RecordingScheduler();

	private final ReactiveSkyvernFileDownloader reactive = downloader(DataSize.ofMegabytes(1));

	private final SkyvernFileDownloader downloader = new SkyvernFileDownloader(this.reactive);

	@TempDir
	Path directory;

	private ReactiveSkyvernFileDownloader downloader(DataSize maxSize) {
		return new ReactiveSkyvernFileDownloader(WebClient.builder().build(), skyvern.baseUrl(), KEY,
				new DownloadSettings(maxSize, Duration.ofSeconds(10), 2), this.retryDelays);
	}

	@AfterEach
	void storageNeverReceivedTheKey() {
		storage.stubFor(any(anyUrl()).withHeader("x-api-key", matching(".*"))
			.atPriority(1)
			.willReturn(aResponse().withStatus(500).withBody("x-api-key must never reach storage")));
		assertThat(storage.findAll(anyRequestedFor(anyUrl()).withHeader("x-api-key", matching(".*")))).isEmpty();
		assertThat(storage.findAll(anyRequestedFor(anyUrl()))).allSatisfy((request) -> {
			assertThat(request.getHeaders().keys()).noneMatch((name) -> name.toLowerCase().startsWith("x-skyvern")
					|| name.toLowerCase().startsWith("x-max-steps") || name.equalsIgnoreCase("x-user-agent"));
			assertThat(request.getHeader("User-Agent")).doesNotContain("skyvern-spring-boot-starter");
		});
	}

	@Test
	void downloadsIntoAPathAndVerifiesTheChecksum() throws IOException {
		storage.stubFor(get(urlPathEqualTo("/bucket/invoice.pdf")).willReturn(aResponse().withBody(INVOICE)));
		Path target = this.directory.resolve("invoice.pdf");
		this.downloader.download(file(storage.baseUrl() + "/bucket/invoice.pdf?X-Amz-Signature=abc", "invoice.pdf",
				sha256(INVOICE)), target);
		assertThat(target).hasBinaryContent(INVOICE);
		assertThat(Files.list(this.directory)).containsExactly(target);
	}

	@Test
	void downloadsFromCommonPoolWorkersOnTheJdkHttpClient() throws Exception {
		// On two cores the common pool has one worker, and the JDK HttpClient of Java 24 and later
		// completes its exchanges on that pool: a plain block() there would wait for itself.
		storage.stubFor(get(urlPathEqualTo("/bucket/invoice.pdf")).willReturn(aResponse().withBody(INVOICE)));
		SkyvernFileDownloader onJdk = new SkyvernFileDownloader(new ReactiveSkyvernFileDownloader(
				WebClient.builder().clientConnector(new JdkClientHttpConnector()).build(), skyvern.baseUrl(), KEY,
				new DownloadSettings(DataSize.ofMegabytes(1), Duration.ofMinutes(5), 2), this.retryDelays));
		List<CompletableFuture<Path>> downloads = IntStream.range(0, 4)
			.mapToObj((i) -> CompletableFuture.supplyAsync(() -> onJdk.download(
					file(storage.baseUrl() + "/bucket/invoice.pdf", "invoice.pdf", sha256(INVOICE)),
					this.directory.resolve("invoice-" + i + ".pdf"))))
			.toList();
		// Far below the five-minute response timeout a self-wait would end with.
		CompletableFuture.allOf(downloads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(downloads).allSatisfy((download) -> assertThat(download.join()).hasBinaryContent(INVOICE));
		assertThat(storage.findAll(getRequestedFor(urlPathEqualTo("/bucket/invoice.pdf")))).hasSize(4);
	}

	@Test
	void checksumMismatchFailsAndLeavesNothingBehind() throws IOException {
		storage.stubFor(get(urlPathEqualTo("/bucket/invoice.pdf")).willReturn(aResponse().withBody(INVOICE)));
		Path target = this.directory.resolve("invoice.pdf");
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.downloader.download(
					file(storage.baseUrl() + "/bucket/invoice.pdf", "invoice.pdf", sha256(new byte[] { 1 })), target))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.CHECKSUM_MISMATCH))
			.withMessageContaining("invoice.pdf");
		assertThat(Files.list(this.directory)).isEmpty();
	}

	@Test
	void hostileFileNamesStayInsideTheTargetDirectory() throws IOException {
		storage.stubFor(get(anyUrl()).willReturn(aResponse().withBody(INVOICE)));
		List<String> names = List.of("../../etc/passwd", "/etc/shadow", "C:\\Windows\\win.ini", "..", "a\u0000b\nc\u202e.txt",
				"invoice.pdf", "INVOICE.pdf", ".bashrc", "CON", "x".repeat(400) + ".pdf");
		List<FileInfo> files = names.stream().map((name) -> file(storage.baseUrl() + "/f", name, null)).toList();
		Path target = this.directory.resolve("run-files");
		List<SavedFile> saved = this.downloader.saveAll(finishedRun(files), target);
		assertThat(saved).hasSize(names.size());
		try (Stream<Path> all = Files.walk(this.directory)) {
			assertThat(all.filter(Files::isRegularFile)).hasSize(names.size())
				.allSatisfy((path) -> assertThat(path.getParent()).isEqualTo(target));
		}
		assertThat(saved).extracting(SavedFile::name)
			.contains("passwd", "shadow", "win.ini", "file", "invoice.pdf", "INVOICE-2.pdf", "bashrc", "_CON")
			.allSatisfy((name) -> assertThat(name).doesNotContain("/", "\\", "\u0000", "\n", "\u202e")
				.hasSizeLessThanOrEqualTo(SafeFileNames.MAX_LENGTH));
		assertThat(Path.of("/etc/passwd")).satisfiesAnyOf((p) -> assertThat(p).doesNotExist(),
				(p) -> assertThat(Files.readAllBytes(p)).isNotEqualTo(INVOICE));
	}

	@Test
	void fileLargerThanTheCapByContentLengthIsNotRead() {
		storage.stubFor(get(urlPathEqualTo("/big")).willReturn(aResponse().withBody(new byte[2 * 1024 * 1024])));
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.downloader.download(file(storage.baseUrl() + "/big", "big.bin", null),
					this.directory.resolve("big.bin")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.TOO_LARGE));
		assertThat(this.directory.resolve("big.bin")).doesNotExist();
	}

	@Test
	void fileDeclaredLargerThanTheCapIsNotRequested() {
		FileInfo declared = new FileInfo(storage.baseUrl() + "/big", null, "big.bin", 5L * 1024 * 1024, null, null);
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.downloader.download(declared, this.directory.resolve("big.bin")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.TOO_LARGE));
		assertThat(storage.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void streamWithoutContentLengthStopsAtTheCapWithoutReadingTheRest() {
		// 64 MB announced by no header, sent in 64 KB chunks: the stream ends at the 1 MB cap.
		AtomicLong sent = new AtomicLong();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/endless",
					(request, response) -> response.send(Flux.range(0, 1024).map((i) -> {
						sent.addAndGet(65536);
						return Unpooled.wrappedBuffer(new byte[65536]);
					}))))
			.bindNow();
		try {
			AtomicLong received = new AtomicLong();
			assertThatExceptionOfType(SkyvernDownloadException.class)
				.isThrownBy(() -> this.reactive
					.stream(file("http://127.0.0.1:" + server.port() + "/endless", "endless.bin", null))
					.doOnNext((buffer) -> {
						received.addAndGet(buffer.readableByteCount());
						DataBufferUtils.release(buffer);
					})
					.blockLast())
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.TOO_LARGE));
			assertThat(received.get()).isLessThanOrEqualTo(DataSize.ofMegabytes(1).toBytes());
			assertThat(sent.get()).isLessThan(DataSize.ofMegabytes(64).toBytes());
		}
		finally {
			server.disposeNow();
		}
	}

	@Test
	void expiredUrlWithoutArtifactGivesAClearError() {
		storage.stubFor(get(urlPathEqualTo("/bucket/invoice.pdf")).willReturn(aResponse().withStatus(403)
			.withBody("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")));
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.downloader.download(
					file(storage.baseUrl() + "/bucket/invoice.pdf?X-Amz-Signature=secret-sig", "invoice.pdf", null),
					this.directory.resolve("invoice.pdf")))
			.satisfies((ex) -> {
				assertThat(ex.getKind()).isEqualTo(Kind.EXPIRED);
				assertThat(ex.getStatusCode()).isEqualTo(403);
			})
			.withMessageContaining("invoice.pdf")
			.withMessageContaining("expire")
			.withMessageNotContaining("secret-sig");
		storage.verify(1, getRequestedFor(urlPathEqualTo("/bucket/invoice.pdf")));
	}

	@Test
	void expiredUrlOfAnArtifactIsFetchedFromSkyvernsContentRouteWithTheKey() {
		storage.stubFor(get(urlPathEqualTo("/bucket/invoice.pdf")).willReturn(aResponse().withStatus(403)));
		skyvern.stubFor(get(urlEqualTo("/v1/artifacts/a_1/content")).withHeader("x-api-key", matching(KEY))
			.willReturn(aResponse().withBody(INVOICE)));
		FileInfo file = new FileInfo(storage.baseUrl() + "/bucket/invoice.pdf", sha256(INVOICE), "invoice.pdf", null,
				null, "a_1");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.downloader.writeTo(file, out);
		assertThat(out.toByteArray()).isEqualTo(INVOICE);
	}

	@Test
	void keyGoesToSkyvernsContentRouteOnlyWithoutSignature() {
		skyvern.stubFor(get(urlPathEqualTo("/v1/artifacts/a_1/content")).willReturn(aResponse().withBody(INVOICE)));
		this.reactive.stream(file(skyvern.baseUrl() + "/v1/artifacts/a_1/content", "a.pdf", null))
			.map(DataBufferUtils::release)
			.blockLast();
		this.reactive.stream(file(skyvern.baseUrl() + "/v1/artifacts/a_1/content?expiry=1&kid=k&sig=abc", "a.pdf", null))
			.map(DataBufferUtils::release)
			.blockLast();
		skyvern.stubFor(get(urlPathEqualTo("/v1/runs/wr_1")).willReturn(aResponse().withBody(INVOICE)));
		this.reactive.stream(file(skyvern.baseUrl() + "/v1/runs/wr_1", "a.pdf", null))
			.map(DataBufferUtils::release)
			.blockLast();
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/artifacts/a_1/content")).withHeader("x-api-key", matching(KEY)));
		skyvern.verify(1, getRequestedFor(urlPathEqualTo("/v1/artifacts/a_1/content")).withHeader("x-api-key", absent())
			.withQueryParam("sig", matching("abc")));
		skyvern.verify(1, getRequestedFor(urlEqualTo("/v1/runs/wr_1")).withHeader("x-api-key", absent()));
	}

	@Test
	void redirectIsFollowedOnTheSameSchemeWithoutTheKey() {
		skyvern.stubFor(get(urlEqualTo("/v1/artifacts/a_1/content"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", storage.baseUrl() + "/bucket/a_1")));
		storage.stubFor(get(urlEqualTo("/bucket/a_1")).willReturn(aResponse().withBody(INVOICE)));
		Path target = this.downloader.download(file(skyvern.baseUrl() + "/v1/artifacts/a_1/content", "a.pdf", null),
				this.directory.resolve("a.pdf"));
		assertThat(target).hasBinaryContent(INVOICE);
		storage.verify(1, getRequestedFor(urlEqualTo("/bucket/a_1")).withHeader("x-api-key", absent()));
	}

	@Test
	void redirectToAnotherSchemeIsNotFollowed() {
		storage.stubFor(get(urlEqualTo("/bucket/a_1"))
			.willReturn(aResponse().withStatus(301).withHeader("Location", "ftp://files.example.com/a_1")));
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.downloader.download(file(storage.baseUrl() + "/bucket/a_1", "a.pdf", null),
					this.directory.resolve("a.pdf")))
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.REDIRECT));
	}

	@Test
	void transientFailuresAreRetried() {
		String url = "/bucket/flaky";
		storage.stubFor(get(urlEqualTo(url)).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("ok"));
		storage.stubFor(get(urlEqualTo(url)).inScenario("flaky").whenScenarioStateIs("ok")
			.willReturn(aResponse().withBody(INVOICE)));
		assertThat(this.downloader.download(file(storage.baseUrl() + url, "f.pdf", sha256(INVOICE)),
				this.directory.resolve("f.pdf"))).hasBinaryContent(INVOICE);
		assertThat(this.retryDelays.delays()).hasSize(1);
		storage.verify(2, getRequestedFor(urlEqualTo(url)));
	}

	@Test
	void notFoundIsNotRetried() {
		storage.stubFor(get(urlEqualTo("/gone")).willReturn(aResponse().withStatus(404)));
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.downloader.download(file(storage.baseUrl() + "/gone", "g.pdf", null),
					this.directory.resolve("g.pdf")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404));
		storage.verify(1, getRequestedFor(urlEqualTo("/gone")));
	}

	@Test
	void localAndOtherSchemesAreNeverFetched() {
		for (String url : List.of("file:///etc/passwd", "s3://bucket/key", "ftp://example.com/x", "/relative/path")) {
			assertThatExceptionOfType(SkyvernDownloadException.class)
				.isThrownBy(() -> this.reactive.stream(file(url, "x", null)).blockLast())
				.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.UNSUPPORTED_URL));
		}
	}

	@Test
	void archivedArtifactIsNotFetched() {
		Artifact archived = new Artifact("a_9", ArtifactType.DOWNLOAD, "s3://b/k", storage.baseUrl() + "/a_9", null,
				null, true, "wr_1", null, null, null, null, null);
		assertThatExceptionOfType(SkyvernDownloadException.class)
			.isThrownBy(() -> this.reactive.stream(archived).blockLast())
			.satisfies((ex) -> assertThat(ex.getKind()).isEqualTo(Kind.UNSUPPORTED_URL));
		assertThat(storage.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void resourceStreamsTheFileWhenRead() throws IOException {
		storage.stubFor(get(urlPathEqualTo("/bucket/invoice.pdf")).willReturn(aResponse().withBody(INVOICE)));
		Resource resource = this.downloader.resource(file(storage.baseUrl() + "/bucket/invoice.pdf",
				"../invoice.pdf", sha256(INVOICE)));
		assertThat(resource.getFilename()).isEqualTo("invoice.pdf");
		assertThat(storage.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		try (InputStream in = resource.getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(INVOICE);
		}
		assertThat(resource.getDescription()).doesNotContain(storage.baseUrl());
	}

	@Test
	void saveAllRefusesARunThatHasNotFinished() {
		SkyvernRun running = new SkyvernRun("wr_1", RunStatus.RUNNING, NullNode.getInstance(), List.of(), null, false,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.downloader.saveAll(running, this.directory));
	}

	private static SkyvernRun finishedRun(List<FileInfo> files) {
		return new SkyvernRun("wr_1", RunStatus.COMPLETED, NullNode.getInstance(), files, null, false, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null);
	}

	private static FileInfo file(String url, String name, String checksum) {
		return new FileInfo(url, checksum, name, null, null, null);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
