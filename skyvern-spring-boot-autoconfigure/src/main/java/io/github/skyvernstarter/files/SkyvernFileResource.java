package io.github.skyvernstarter.files;

import java.io.InputStream;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * A file of a run as a Spring {@link org.springframework.core.io.Resource}: each
 * {@link #getInputStream()} starts a new streamed download, which is read as the stream is read.
 */
final class SkyvernFileResource extends AbstractResource {

	/** Buffers requested ahead of the reader: bounded memory whatever the file's size. */
	private static final int DEMAND = 4;

	private final Supplier<Flux<DataBuffer>> download;

	private final String name;

	private final @Nullable Long size;

	SkyvernFileResource(Supplier<Flux<DataBuffer>> download, String name, @Nullable Long size) {
		this.download = download;
		this.name = name;
		this.size = size;
	}

	@Override
	public InputStream getInputStream() {
		return DataBufferUtils.subscriberInputStream(this.download.get(), DEMAND);
	}

	@Override
	public String getFilename() {
		return this.name;
	}

	@Override
	public boolean exists() {
		// Not asked of the storage: a download is the only way to know, and it says clearly.
		return true;
	}

	@Override
	public long contentLength() {
		// Never counted by reading the whole file, as AbstractResource would.
		return (this.size != null) ? this.size : -1;
	}

	@Override
	public String getDescription() {
		// Never the URL: a signed URL is a credential.
		return "Skyvern run file '" + this.name + "'";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
