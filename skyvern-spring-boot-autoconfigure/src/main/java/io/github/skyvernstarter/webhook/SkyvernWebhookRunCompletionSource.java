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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.SkyvernWebhookBody;
import io.github.skyvernstarter.model.SkyvernWebhookBody.ParsedRun;
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

	/**
	 * Report the run of a verified delivery, final by then; its body is read into a run only if a
	 * wait is registered for it now, or asks for it later. A run with unreadable fields does not finish
	 * waits: they poll, and get what the API says.
	 * @param run the delivery's run
	 */
	void runFinished(WebhookRun run) {
		if (!run.status().isFinal()) {
			return;
		}
		// The body only, not the run read from it: a listener may read it into a tree many times its size.
		remember(run.runId(), new Recent(null, run.body(), this.clock.instant().plus(RECENT_RUN_TTL),
				RunHeapEstimate.BYTES_PER_RUN + 2L * run.size()));
		Set<MonoSink<SkyvernRun>> forRun = this.waiters.get(run.runId());
		if (forRun != null) {
			ParsedRun parsed = run.parsed();
			if (parsed.unreadableFields().isEmpty()) {
				forRun.forEach((sink) -> sink.success(parsed.run()));
			}
		}
	}

	private void removeWaiter(String runId, MonoSink<SkyvernRun> sink) {
		this.waiters.computeIfPresent(runId, (id, sinks) -> {
			sinks.remove(sink);
			return sinks.isEmpty() ? null : sinks;
		});
	}

	private void remember(SkyvernRun run, long bodySize) {
		long bytes = Math.max(bodySize, RunHeapEstimate.of(run));
		remember(run.runId(), new Recent(run, null, this.clock.instant().plus(RECENT_RUN_TTL), bytes));
	}

	private synchronized void remember(String runId, Recent entry) {
		Recent previous = this.recent.remove(runId);
		if (previous != null) {
			this.recentBytes -= previous.bytes();
		}
		if (entry.bytes() > MAX_RECENT_BYTES) {
			return;
		}
		this.recent.put(runId, entry);
		this.recentBytes += entry.bytes();
		evict(this.clock.instant());
	}

	/**
	 * Return the estimated heap the recently finished runs hold, for tests of the bounds.
	 * @return the bytes counted against {@link #MAX_RECENT_BYTES}
	 */
	synchronized long recentBytes() {
		evict(this.clock.instant());
		return this.recentBytes;
	}

	private @Nullable SkyvernRun recentRun(String runId) {
		Recent entry;
		synchronized (this) {
			evict(this.clock.instant());
			entry = this.recent.get(runId);
		}
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

	/**
	 * A recently finished run: the run, or the delivery it is read from when a wait asks.
	 */
	private record Recent(@Nullable SkyvernRun finished, @Nullable SkyvernWebhookBody delivery, Instant expiresAt,
			long bytes) {

		@Nullable SkyvernRun run() {
			if (this.finished != null) {
				return this.finished;
			}
			ParsedRun parsed = Objects.requireNonNull(this.delivery).readRun();
			return parsed.unreadableFields().isEmpty() ? parsed.run() : null;
		}

	}

}
