package io.github.skyvernstarter.sample.webhook;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The most recent finished runs received by webhook, newest first; bounded, so a busy day cannot fill
 * the memory.
 */
@Component
public class ReceivedRuns {

	static final int CAPACITY = 100;

	private final Deque<ReceivedRun> runs = new ArrayDeque<>();

	/**
	 * Record the run of a verified run-finished webhook; the starter publishes each (run, status) once.
	 * @param event the event
	 */
	@EventListener
	public void onRunFinished(SkyvernRunFinishedEvent event) {
		record(event.getRun(), event.getReceivedAt());
	}

	/**
	 * Record a finished run received by webhook.
	 * @param run the run
	 * @param receivedAt when the webhook arrived
	 */
	public synchronized void record(SkyvernRun run, Instant receivedAt) {
		this.runs.addFirst(new ReceivedRun(run.runId(), run.workflowId(), run.status().value(), receivedAt));
		while (this.runs.size() > CAPACITY) {
			this.runs.removeLast();
		}
	}

	/**
	 * Return the recorded runs, most recent first.
	 * @return the runs
	 */
	public synchronized List<ReceivedRun> mostRecentFirst() {
		return new ArrayList<>(this.runs);
	}

	/**
	 * A finished run as the webhook reported it.
	 *
	 * @param runId the run id
	 * @param workflowId the workflow id, if the webhook carried it
	 * @param status the final status
	 * @param receivedAt when the webhook arrived
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ReceivedRun(String runId, @Nullable String workflowId, String status, Instant receivedAt) {

	}

}
