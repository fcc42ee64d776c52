package io.github.skyvernstarter.fake;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * What the fake's account holds: how each workflow behaves, the runs, and the requests recorded for
 * assertions.
 */
final class FakeState {

	private final Clock clock;

	private final boolean recording;

	private final RunIds ids;

	private final Map<String, FakeWorkflow> workflows = new ConcurrentHashMap<>();

	private volatile FakeWorkflow anyWorkflow = new FakeWorkflow();

	private final Map<String, FakeRun> runs = new ConcurrentHashMap<>();

	private final List<RecordedRunStart> runStarts = new CopyOnWriteArrayList<>();

	private final List<String> canceledRuns = new CopyOnWriteArrayList<>();

	private volatile FakeWorkflow tasks = new FakeWorkflow();

	private final List<RecordedTaskStart> taskStarts = new CopyOnWriteArrayList<>();

	private final Queue<StartFailure> startFailures = new ConcurrentLinkedQueue<>();

	FakeState(Clock clock, boolean recording) {
		this.clock = clock;
		this.recording = recording;
		this.ids = new RunIds(clock);
	}

	Instant now() {
		return this.clock.instant();
	}

	Clock clock() {
		return this.clock;
	}

	String nextId(String prefix) {
		return this.ids.next(prefix);
	}

	FakeWorkflow newWorkflow(String workflowId) {
		FakeWorkflow workflow = new FakeWorkflow();
		this.workflows.put(workflowId, workflow);
		return workflow;
	}

	FakeWorkflow newAnyWorkflow() {
		FakeWorkflow workflow = new FakeWorkflow();
		this.anyWorkflow = workflow;
		return workflow;
	}

	FakeWorkflow workflow(String workflowId) {
		return this.workflows.getOrDefault(workflowId, this.anyWorkflow);
	}

	void add(FakeRun run) {
		this.runs.put(run.runId(), run);
	}

	@Nullable FakeRun run(String runId) {
		return this.runs.get(runId);
	}

	List<FakeRun> runs() {
		return List.copyOf(this.runs.values());
	}

	FakeRun requireRun(String runId) {
		FakeRun run = this.runs.get(runId);
		if (run == null) {
			throw new IllegalArgumentException("The fake Skyvern has no run " + runId + "; runs: " + this.runs.keySet());
		}
		return run;
	}

	void recordRunStart(RecordedRunStart start) {
		if (this.recording) {
			this.runStarts.add(start);
		}
	}

	void recordCancel(String runId) {
		if (this.recording) {
			this.canceledRuns.add(runId);
		}
	}

	List<RecordedRunStart> runStarts() {
		return List.copyOf(this.runStarts);
	}

	List<String> canceledRuns() {
		return List.copyOf(this.canceledRuns);
	}

	FakeWorkflow tasks() {
		return this.tasks;
	}

	void recordTaskStart(RecordedTaskStart start) {
		if (this.recording) {
			this.taskStarts.add(start);
		}
	}

	List<RecordedTaskStart> taskStarts() {
		return List.copyOf(this.taskStarts);
	}

	void failNextRunStart(StartFailure failure) {
		this.startFailures.add(failure);
	}

	/**
	 * Take the failure the next run start (workflow or task) gets, if a test asked for one.
	 */
	@Nullable StartFailure nextStartFailure() {
		return this.startFailures.poll();
	}

	void reset() {
		this.tasks = new FakeWorkflow();
		this.taskStarts.clear();
		this.startFailures.clear();
		this.workflows.clear();
		this.anyWorkflow = new FakeWorkflow();
		this.runs.clear();
		this.runStarts.clear();
		this.canceledRuns.clear();
	}

	/**
	 * An error a run start answers once, before or after the run is created.
	 */
	record StartFailure(int httpStatus, boolean afterCreating) {

		String detail() {
			return "Service Unavailable (simulated by the fake Skyvern"
					+ (this.afterCreating ? ", after creating the run)" : ", before creating a run)");
		}

	}

}
