package io.github.skyvernstarter.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * {@link RunCompletionSource} fed by verified run-finished webhooks: a waiting {@code runWorkflow} or
 * {@code waitForCompletion} finishes as soon as the webhook for its run arrives.
 * <p>
 * A webhook can arrive before the wait starts (a quick run, or a wait started later), so recently
 * finished runs are kept for a short while; the cache is bounded by age, count and the heap the runs
 * hold (estimated from their JSON trees, which take several times their body size), because runs can
 * carry megabytes of output. A run whose {@code webhook_url} is this receiver's URL is polled at
 * {@link #fallbackPollInterval()} only, so a lost webhook, or one that reaches another instance, only
 * delays its wait; every other run is polled at {@code skyvern.poll-interval}, because no webhook is
 * coming for it here.
 *
 * @since 0.1.0
 */
public final class SkyvernWebhookRunCompletionSource implements RunCompletionSource {

	static final Duration RECENT_RUN_TTL = Duration.ofMinutes(2);

	static final int MAX_RECENT_RUNS = 64;

	static final long MAX_RECENT_BYTES = 64L * 1024 * 1024;

	private final Duration fallbackPollInterval;

	private final @Nullable URI receiverUrl;

	private final Clock clock;

	private final Map<String, Set<MonoSink<SkyvernRun>>> waiters = new ConcurrentHashMap<>();

	// Insertion order is age order, so expired entries sit at the head.
	private final LinkedHashMap<String, Recent> recent = new LinkedHashMap<>();

	private long recentBytes;

	/**
	 * Create a completion source that knows no receiver URL, so it never slows down polling.
	 * @param fallbackPollInterval the poll interval while webhooks are expected
	 */
	public SkyvernWebhookRunCompletionSource(Duration fallbackPollInterval) {
		this(fallbackPollInterval, null, Clock.systemUTC());
	}

	/**
	 * Create a completion source that knows no receiver URL, so it never slows down polling.
	 * @param fallbackPollInterval the poll interval while webhooks are expected
	 * @param clock the clock that ages recently finished runs
	 */
	public SkyvernWebhookRunCompletionSource(Duration fallbackPollInterval, Clock clock) {
		this(fallbackPollInterval, null, clock);
	}

	/**
	 * Create a completion source.
	 * @param fallbackPollInterval the poll interval of runs whose webhook comes to this receiver
	 * @param receiverUrl the URL at which Skyvern reaches this receiver ({@code webhook_url}), or
	 * {@code null} when Skyvern is not told of it
	 * @param clock the clock that ages recently finished runs
	 */
	public SkyvernWebhookRunCompletionSource(Duration fallbackPollInterval, @Nullable String receiverUrl,
			Clock clock) {
		if (fallbackPollInterval.isNegative() || fallbackPollInterval.isZero()) {
			throw new IllegalArgumentException("Fallback poll interval must be positive");
		}
		this.fallbackPollInterval = fallbackPollInterval;
		this.receiverUrl = (receiverUrl != null) ? parse(receiverUrl) : null;
		if (receiverUrl != null && this.receiverUrl == null) {
			throw new IllegalArgumentException("Receiver URL is not an absolute http(s) URL");
		}
		this.clock = clock;
	}

	@Override
	public Mono<SkyvernRun> awaitFinished(String runId) {
		return Mono.create((sink) -> {
			// Register before looking at the cache: a run finishing in between is then seen by one
			// of the two, and a second success signal is ignored by the sink.
			this.waiters.compute(runId, (id, sinks) -> {
				Set<MonoSink<SkyvernRun>> forRun = (sinks != null) ? sinks : ConcurrentHashMap.newKeySet();
				forRun.add(sink);
				return forRun;
			});
			sink.onDispose(() -> removeWaiter(runId, sink));
			SkyvernRun finished = recentRun(runId);
			if (finished != null) {
				sink.success(finished);
			}
		});
	}

	/**
	 * Return the poll interval of runs whose webhook comes to this receiver.
	 * @return the fallback poll interval
	 */
	public Duration fallbackPollInterval() {
		return this.fallbackPollInterval;
	}

	@Override
	public @Nullable Duration fallbackPollInterval(@Nullable String webhookUrl) {
		return isReceiver(webhookUrl) ? this.fallbackPollInterval : null;
	}

	/**
	 * Whether a {@code webhook_url} reaches this receiver: the same scheme, host, port and path (a
	 * trailing slash, letter case of scheme and host, a default port and a query make no difference).
	 */
	private boolean isReceiver(@Nullable String webhookUrl) {
		URI url = (webhookUrl != null && this.receiverUrl != null) ? parse(webhookUrl) : null;
		return url != null && this.receiverUrl != null && url.getScheme().equals(this.receiverUrl.getScheme())
				&& url.getHost().equals(this.receiverUrl.getHost()) && url.getPort() == this.receiverUrl.getPort()
				&& url.getPath().equals(this.receiverUrl.getPath());
	}

	/**
	 * Parse an http(s) URL into a comparable form, or return {@code null} when it is not one.
	 */
	private static @Nullable URI parse(String url) {
		try {
			URI uri = new URI(url.strip());
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
				return null;
			}
			int port = (uri.getPort() != -1) ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
			String path = (uri.getPath() != null) ? uri.getPath() : "";
			path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
			return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), port, path, null, null);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/**
	 * Report a run that a verified webhook says is finished; runs that are not final are ignored.
	 * @param run the run
	 * @param bodySize the size of the webhook body; the run is counted as at least this large
	 */
	public void runFinished(SkyvernRun run, long bodySize) {
		if (!run.isFinal()) {
			return;
		}
		remember(run, bodySize);
		Set<MonoSink<SkyvernRun>> forRun = this.waiters.get(run.runId());
		if (forRun != null) {
			forRun.forEach((sink) -> sink.success(run));
		}
	}

	/**
	 * Return how many waits are registered now.
	 * @return the number of waits
	 */
	public int waiting() {
		return this.waiters.values().stream().mapToInt(Set::size).sum();
	}

	private void removeWaiter(String runId, MonoSink<SkyvernRun> sink) {
		this.waiters.computeIfPresent(runId, (id, sinks) -> {
			sinks.remove(sink);
			return sinks.isEmpty() ? null : sinks;
		});
	}

	private synchronized void remember(SkyvernRun run, long bodySize) {
		Instant now = this.clock.instant();
		Recent previous = this.recent.remove(run.runId());
		if (previous != null) {
			this.recentBytes -= previous.bytes();
		}
		long bytes = Math.max(bodySize, RunHeapEstimate.of(run));
		if (bytes > MAX_RECENT_BYTES) {
			return;
		}
		this.recent.put(run.runId(), new Recent(run, now.plus(RECENT_RUN_TTL), bytes));
		this.recentBytes += bytes;
		evict(now);
	}

	/**
	 * Return the estimated heap the recently finished runs hold, for tests of the bounds.
	 * @return the bytes counted against {@link #MAX_RECENT_BYTES}
	 */
	synchronized long recentBytes() {
		evict(this.clock.instant());
		return this.recentBytes;
	}

	private synchronized @Nullable SkyvernRun recentRun(String runId) {
		evict(this.clock.instant());
		Recent entry = this.recent.get(runId);
		return (entry != null) ? entry.run() : null;
	}

	private void evict(Instant now) {
		Iterator<Recent> entries = this.recent.values().iterator();
		while (entries.hasNext()) {
			Recent oldest = entries.next();
			boolean expired = !oldest.expiresAt().isAfter(now);
			if (!expired && this.recent.size() <= MAX_RECENT_RUNS && this.recentBytes <= MAX_RECENT_BYTES) {
				return;
			}
			entries.remove();
			this.recentBytes -= oldest.bytes();
		}
	}

	private record Recent(SkyvernRun run, Instant expiresAt, long bytes) {

	}

}
