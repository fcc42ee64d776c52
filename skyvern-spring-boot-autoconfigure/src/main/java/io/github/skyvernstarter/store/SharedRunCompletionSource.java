package io.github.skyvernstarter.store;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.github.skyvernstarter.client.RunCompletionSource;
import io.github.skyvernstarter.model.SkyvernRun;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import org.springframework.context.SmartLifecycle;

/**
 * {@link RunCompletionSource} for several instances: a wait finishes on this instance's own webhooks,
 * as with one instance, and also when {@link SkyvernRunFinishedSignals} say that the run's webhook
 * reached another instance: with the run as that instance received it, or, for a run too large to
 * keep in the store, read once from Skyvern in place of the fallback poll.
 *
 * @since 0.1.0
 */
public final class SharedRunCompletionSource implements RunCompletionSource, SkyvernRunFinishedSignals.Listener,
		SmartLifecycle {

	private final RunCompletionSource local;

	private final SkyvernRunFinishedSignals signals;

	private final Function<String, Mono<SkyvernRun>> reader;

	private final Map<String, Set<MonoSink<Signal>>> waiters = new ConcurrentHashMap<>();

	private volatile boolean running;

	/**
	 * Create a completion source.
	 * @param local the source this instance's webhooks feed
	 * @param signals what tells of webhooks that reached other instances
	 * @param reader reads a run from Skyvern, for example {@code GET /v1/runs/{runId}}
	 */
	public SharedRunCompletionSource(RunCompletionSource local, SkyvernRunFinishedSignals signals,
			Function<String, Mono<SkyvernRun>> reader) {
		this.local = local;
		this.signals = signals;
		this.reader = reader;
	}

	@Override
	public Mono<SkyvernRun> awaitFinished(String runId) {
		// A failed or not yet final read leaves the wait to polling, as if no signal had come.
		Mono<SkyvernRun> elsewhere = signalled(runId).flatMap((signal) -> (signal.run() != null)
				? Mono.just(signal.run())
				: this.reader.apply(runId).filter(SkyvernRun::isFinal).onErrorResume((ex) -> Mono.never()));
		return Mono.firstWithSignal(this.local.awaitFinished(runId), elsewhere);
	}

	private Mono<Signal> signalled(String runId) {
		return Mono.create((sink) -> {
			this.waiters.computeIfAbsent(runId, (id) -> ConcurrentHashMap.newKeySet()).add(sink);
			sink.onDispose(() -> this.waiters.computeIfPresent(runId, (id, sinks) -> {
				sinks.remove(sink);
				return sinks.isEmpty() ? null : sinks;
			}));
			this.signals.watch(runId);
		});
	}

	@Override
	public @Nullable Duration fallbackPollInterval(@Nullable String webhookUrl) {
		return this.local.fallbackPollInterval(webhookUrl);
	}

	@Override
	public Set<String> waitedRunIds() {
		return Set.copyOf(this.waiters.keySet());
	}

	@Override
	public void finished(String runId, @Nullable SkyvernRun run) {
		Set<MonoSink<Signal>> sinks = this.waiters.get(runId);
		if (sinks != null) {
			Signal signal = new Signal((run != null && run.runId().equals(runId)) ? run : null);
			sinks.forEach((sink) -> sink.success(signal));
		}
	}

	/**
	 * Return how many runs are waited for on this instance now.
	 * @return the number of runs
	 */
	public int waitedRuns() {
		return this.waiters.size();
	}

	@Override
	public void start() {
		this.signals.start(this);
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.signals.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private record Signal(@Nullable SkyvernRun run) {

	}

}
