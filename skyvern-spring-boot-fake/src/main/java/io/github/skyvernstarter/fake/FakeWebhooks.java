package io.github.skyvernstarter.fake;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;

/**
 * Run-finished webhooks as Skyvern sends them: the finished run in Skyvern's JSON, signed with the
 * key that started the run, to the run's {@code webhook_url}.
 * <p>
 * Only to this machine: a run whose {@code webhook_url} is not a loopback address (a public URL the
 * application set for the real Skyvern) has its webhook sent to the default target instead, the
 * application's own receiver, so the fake never calls out of the machine.
 */
final class FakeWebhooks {

	private static final Log logger = LogFactory.getLog(FakeSkyvern.class);

	// Skyvern's delivery: 3 attempts, about a second apart, on network errors and these statuses or 5xx.
	private static final int MAX_ATTEMPTS = 3;

	private static final Duration RETRY_DELAY = Duration.ofSeconds(1);

	private static final Set<Integer> RETRYABLE = Set.of(403, 408, 425, 429);

	private final FakeState state;

	private final Scheduler scheduler;

	private volatile Supplier<@Nullable URI> defaultTarget;

	FakeWebhooks(FakeState state, Scheduler scheduler, Supplier<@Nullable URI> defaultTarget) {
		this.state = state;
		this.scheduler = scheduler;
		this.defaultTarget = defaultTarget;
	}

	void defaultTarget(Supplier<@Nullable URI> target) {
		this.defaultTarget = target;
	}

	/**
	 * Return where the run's webhook goes: its own {@code webhook_url} when that points at this
	 * machine, else the default target.
	 */
	@Nullable URI target(FakeRun run) {
		String own = run.webhookUrl();
		if (own != null) {
			try {
				URI uri = URI.create(own);
				if (isLoopback(uri)) {
					return uri;
				}
			}
			catch (IllegalArgumentException ex) {
				// Not a URL: fall back to the default target.
			}
		}
		return this.defaultTarget.get();
	}

	static boolean isLoopback(URI uri) {
		String host = uri.getHost();
		if (host == null) {
			return false;
		}
		String normalized = host.toLowerCase(Locale.ROOT);
		return normalized.equals("localhost") || normalized.startsWith("127.") || normalized.equals("[::1]")
				|| normalized.equals("::1");
	}

	static byte[] body(FakeRun.Snapshot run) {
		return FakeJson.write(run.isTask() ? FakeWireFormat.taskFinishedWebhook(run)
				: FakeWireFormat.runFinishedWebhook(run));
	}

	FakeWebhookSender sender(FakeRun run) {
		return new FakeWebhookSender(run.apiKey(), this.state.clock());
	}

	/**
	 * Send the run's webhook as it is now, in the background, with Skyvern's retries.
	 * @return the last attempt's answer, or {@code null} when the run has no webhook target; failed
	 * when the last attempt could not reach the receiver
	 */
	CompletableFuture<@Nullable FakeWebhookDelivery> send(FakeRun run) {
		CompletableFuture<@Nullable FakeWebhookDelivery> outcome = new CompletableFuture<>();
		URI target = target(run);
		if (target == null) {
			logger.debug("Fake Skyvern: run " + run.runId() + " has no webhook URL");
			outcome.complete(null);
			return outcome;
		}
		FakeRun.Snapshot snapshot = run.snapshot();
		attempt(sender(run), snapshot, target, body(snapshot), 1, outcome);
		return outcome;
	}

	private void attempt(FakeWebhookSender sender, FakeRun.Snapshot run, URI target, byte[] body, int attempt,
			CompletableFuture<@Nullable FakeWebhookDelivery> outcome) {
		sender.deliverAsync(target, body).whenComplete((delivery, ex) -> {
			int status = (delivery != null) ? delivery.statusCode() : -1;
			if (delivery != null && delivery.accepted()) {
				logger.info("Fake Skyvern: webhook for run " + run.runId() + " (" + run.status() + ") delivered to "
						+ target + ", answered " + status);
				outcome.complete(delivery);
				return;
			}
			boolean retryable = ex != null || status >= 500 || RETRYABLE.contains(status);
			if (retryable && attempt < MAX_ATTEMPTS) {
				this.scheduler.schedule(() -> attempt(sender, run, target, body, attempt + 1, outcome),
						RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS);
				return;
			}
			Throwable failure = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
			logger.warn("Fake Skyvern: webhook for run " + run.runId() + " to " + target + " failed after " + attempt
					+ " attempt(s): " + ((failure != null) ? failure.getClass().getSimpleName() : "answered " + status));
			if (failure != null) {
				outcome.completeExceptionally(failure);
			}
			else {
				outcome.complete(delivery);
			}
		});
	}

}
