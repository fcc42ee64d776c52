package io.github.skyvernstarter.test;

import java.util.List;

import io.github.skyvernstarter.fake.FakeSkyvern;
import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;

/**
 * The task runs of the {@link SkyvernStub} ({@code POST /v1/run/tasks}): how they end, and the task
 * requests received. Task runs get ids {@code tsk_...} ({@code tsk_v2_...} on engine 2.0), a
 * {@code run_type} from the engine ({@code task_v1} by default), and send their webhooks like workflow
 * runs.
 * <p>
 * Settings change at once and add up until the stub is reset; by default a task run completes on its
 * first status poll with output {@code null}.
 *
 * @since 0.1.0
 */
public final class TaskStub {

	private final FakeSkyvern fake;

	TaskStub(FakeSkyvern fake) {
		this.fake = fake;
	}

	/**
	 * Make task runs complete with the given output.
	 * @param output the run's {@code output}: a map, record, list, string or {@code null}
	 * @return this stub
	 */
	public TaskStub completesWith(@Nullable Object output) {
		this.fake.tasks().completesWith(output);
		return this;
	}

	/**
	 * Make task runs end with the given final status and output.
	 * @param status a final status, for example {@link RunStatus#FAILED}
	 * @param output the run's {@code output}, or {@code null}
	 * @return this stub
	 * @throws IllegalArgumentException if the status is not final
	 */
	public TaskStub finishesWith(RunStatus status, @Nullable Object output) {
		this.fake.tasks().finishesWith(status, output);
		return this;
	}

	/**
	 * Set the {@code failure_reason} of task runs that do not complete.
	 * @param failureReason the reason Skyvern reports
	 * @return this stub
	 */
	public TaskStub failureReason(String failureReason) {
		this.fake.tasks().failureReason(failureReason);
		return this;
	}

	/**
	 * Make task runs reach their final status on the given status poll; the polls before answer
	 * {@code queued}, then {@code running}.
	 * @param polls the poll that sees the final status, 1 or more
	 * @return this stub
	 */
	public TaskStub afterPolls(int polls) {
		this.fake.tasks().finishesAfter(polls);
		return this;
	}

	/**
	 * Make starting a task run fail with the given Skyvern error, in Skyvern's own error JSON.
	 * @param httpStatus the HTTP status, for example 400, 403 or 422
	 * @param detail the error text
	 * @return this stub
	 */
	public TaskStub failsToStart(int httpStatus, String detail) {
		this.fake.tasks().failsToStart(httpStatus, detail);
		return this;
	}

	/**
	 * Return every request to start a task run, in arrival order, including those answered with an error.
	 * @return the task requests
	 */
	public List<RecordedTaskRequest> requests() {
		return this.fake.taskStarts().stream().map(RecordedTaskRequest::new).toList();
	}

	/**
	 * Return the requests that created a task run (even if the answer was an error), in arrival order.
	 * @return the started task runs' requests
	 */
	public List<RecordedTaskRequest> started() {
		return requests().stream().filter(RecordedTaskRequest::started).toList();
	}

	/**
	 * Assert that exactly one task run was created, and return its request for more assertions.
	 * @return the task run's request
	 * @throws AssertionError if no task run, or more than one, was created
	 */
	public RecordedTaskRequest assertStarted() {
		List<RecordedTaskRequest> started = started();
		if (started.size() != 1) {
			throw new AssertionError("Expected exactly one task run to be started, but " + started.size()
					+ " were; task requests received: " + requests());
		}
		return started.get(0);
	}

	/**
	 * Assert that no request to start a task run arrived.
	 * @throws AssertionError if one did
	 */
	public void assertNoneStarted() {
		List<RecordedTaskRequest> requests = requests();
		if (!requests.isEmpty()) {
			throw new AssertionError("Expected no task run to be started, but received: " + requests);
		}
	}

}
