package io.github.skyvernstarter.webhook;

import java.util.function.Consumer;

import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.SkyvernWebhookBody;
import io.github.skyvernstarter.model.SkyvernWebhookBody.ParsedRun;
import org.jspecify.annotations.Nullable;

/**
 * The run of a verified run-finished delivery, read from its body on first use.
 * <p>
 * Receiving a delivery needs only its run id and status, which {@link SkyvernWebhookBody#parse} has
 * read; the rest of the body (the output above all) is read into a run when a listener, or a wait,
 * first asks for it, once, whichever thread asks.
 */
final class WebhookRun {

	private final SkyvernWebhookBody body;

	private final int size;

	private final Consumer<ParsedRun> firstRead;

	private volatile @Nullable ParsedRun parsed;

	/**
	 * Create a run to be read on first use.
	 * @param body the delivery, its run id and status read
	 * @param size the size of the body in bytes
	 * @param firstRead told of the run when it has been read, before anyone gets it
	 */
	WebhookRun(SkyvernWebhookBody body, int size, Consumer<ParsedRun> firstRead) {
		this.body = body;
		this.size = size;
		this.firstRead = firstRead;
	}

	String runId() {
		return this.body.runId();
	}

	RunStatus status() {
		return this.body.status();
	}

	/**
	 * Return the delivery whose run this is, to be read again without keeping this run's result.
	 * @return the delivery
	 */
	SkyvernWebhookBody body() {
		return this.body;
	}

	int size() {
		return this.size;
	}

	/**
	 * Return the run, reading the body the first time.
	 * @return the run and its unreadable fields
	 */
	ParsedRun parsed() {
		ParsedRun result = this.parsed;
		if (result == null) {
			synchronized (this) {
				result = this.parsed;
				if (result == null) {
					result = this.body.readRun();
					this.firstRead.accept(result);
					this.parsed = result;
				}
			}
		}
		return result;
	}

	@Override
	public String toString() {
		return "WebhookRun[runId=" + runId() + ", status=" + status() + "]";
	}

}
