package io.github.skyvernstarter.webhook;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;

/**
 * The bytes of one delivery's body as they arrive, in segments reserved from the
 * {@link SkyvernWebhookBodyBudget} one at a time, so that memory follows the bytes received rather
 * than the length a sender declares: a sender that stalls after a byte holds 256 bytes. Both web
 * adapters read through it; its methods are synchronized because a deadline may close it from
 * another thread.
 */
final class WebhookBodyBuffer {

	static final String RETRY_AFTER_SECONDS = "2";

	private static final int MIN_SEGMENT = 256;

	private static final int MAX_SEGMENT = 64 * 1024;

	private final SkyvernWebhookBodyBudget budget;

	private final long maxBodySize;

	private final long declaredLength;

	// Most bodies arrive with their headers, in one segment.
	private final List<byte[]> segments = new ArrayList<>(2);

	private byte @Nullable [] current;

	private int position;

	private long size;

	private long reserved;

	private boolean closed;

	/**
	 * Create a buffer.
	 * @param budget where the memory is reserved
	 * @param maxBodySize the largest body accepted
	 * @param declaredLength the declared {@code Content-Length}, or {@code -1}; segments never go past
	 * it, so a body that arrives at once is one exact segment, handed on without a copy
	 */
	WebhookBodyBuffer(SkyvernWebhookBodyBudget budget, long maxBodySize, long declaredLength) {
		this.budget = budget;
		this.maxBodySize = maxBodySize;
		this.declaredLength = declaredLength;
	}

	/**
	 * Return the declared {@code Content-Length}, or {@code -1} if absent or malformed (reading then
	 * enforces the limit).
	 */
	static long declaredLength(HttpHeaders headers) {
		try {
			return Math.max(-1, headers.getContentLength());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Return the answer to a delivery refused because the budget is spent.
	 * @return a 503 answer with {@code Retry-After}, which Skyvern retries
	 */
	static SkyvernWebhookResponse overloaded() {
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.OVERLOADED, 503, "busy, try again later",
				HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
	}

	/**
	 * Return the answer to a delivery whose body did not arrive before its deadline.
	 * @return a 408 answer, which Skyvern retries
	 */
	static SkyvernWebhookResponse timedOut() {
		return SkyvernWebhookResponse.of(SkyvernWebhookOutcome.TIMEOUT, 408, "body not received in time");
	}

	/**
	 * Make room for the next bytes, reserving a new segment when the current one is full: as large as
	 * the bytes already here (so segments double), or as the bytes available now, whichever is more.
	 * @param available the bytes that can be read now without waiting, if known, else 0
	 * @return {@code false} if the budget has no room (or the buffer is closed)
	 */
	synchronized boolean ensureRoom(int available) {
		if (this.current != null && this.position < this.current.length) {
			return true;
		}
		int length = nextSegmentLength(available);
		if (this.closed || !this.budget.tryReserve(length, this.reserved + length)) {
			return false;
		}
		this.reserved += length;
		this.current = new byte[length];
		this.position = 0;
		this.segments.add(this.current);
		return true;
	}

	private int nextSegmentLength(int available) {
		if (this.declaredLength >= 0 && this.size == this.declaredLength) {
			// Servers deliver no more than the declared length: a byte is enough to see the end.
			return 1;
		}
		// One byte past the limit tells "exactly the limit" from "too large".
		long end = (this.declaredLength > this.size) ? this.declaredLength : this.maxBodySize + 1;
		long length = Math.min(MAX_SEGMENT, Math.max(available, Math.max(MIN_SEGMENT, this.size)));
		return (int) Math.max(1, Math.min(length, end - this.size));
	}

	/** Return the segment that {@link #ensureRoom(int)} made room in. */
	synchronized byte[] room() {
		if (this.current == null) {
			throw new IllegalStateException("No room made");
		}
		return this.current;
	}

	synchronized int roomOffset() {
		return this.position;
	}

	synchronized int roomLength() {
		return (this.current != null) ? this.current.length - this.position : 0;
	}

	/** Count bytes written into {@link #room()}. */
	synchronized void advance(int bytes) {
		this.position += bytes;
		this.size += bytes;
	}

	/**
	 * Copy the readable bytes of a buffer.
	 * @param buffer the buffer, whose readable bytes are consumed
	 * @return {@code false} if the body is refused: too large (see {@link #isTooLarge()}), or over
	 * the budget
	 */
	synchronized boolean append(DataBuffer buffer) {
		while (buffer.readableByteCount() > 0) {
			if (!ensureRoom(buffer.readableByteCount())) {
				return false;
			}
			int length = Math.min(buffer.readableByteCount(), roomLength());
			buffer.read(room(), this.position, length);
			advance(length);
			if (isTooLarge()) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Return the declared {@code Content-Length}.
	 * @return the length, or {@code -1} if none was declared
	 */
	long declaredLength() {
		return this.declaredLength;
	}

	/**
	 * Whether every byte the sender declared has been received.
	 * @return {@code true} if a {@code Content-Length} was declared and that many bytes are here
	 */
	synchronized boolean isComplete() {
		return this.declaredLength >= 0 && this.size == this.declaredLength;
	}

	synchronized boolean isTooLarge() {
		return this.size > this.maxBodySize;
	}

	/**
	 * Return the body as one array: the segment itself when there is one, otherwise a copy reserved
	 * from the budget, after which the segments are released.
	 * @return the body, or {@code null} if the budget has no room for the copy (or the buffer is closed)
	 */
	synchronized byte @Nullable [] toByteArray() {
		if (this.closed) {
			return null;
		}
		if (this.size == 0) {
			return new byte[0];
		}
		byte[] first = this.segments.get(0);
		if (first.length == this.size) {
			return first;
		}
		if (!this.budget.tryReserve(this.size, this.size)) {
			return null;
		}
		byte[] body = new byte[(int) this.size];
		int offset = 0;
		for (byte[] segment : this.segments) {
			int length = (int) Math.min(segment.length, this.size - offset);
			System.arraycopy(segment, 0, body, offset, length);
			offset += length;
		}
		this.segments.clear();
		this.current = null;
		this.budget.release(this.reserved);
		this.reserved = this.size;
		return body;
	}

	/** Release everything reserved; later reservations fail. */
	synchronized void close() {
		this.closed = true;
		this.segments.clear();
		this.current = null;
		this.budget.release(this.reserved);
		this.reserved = 0;
	}

}
