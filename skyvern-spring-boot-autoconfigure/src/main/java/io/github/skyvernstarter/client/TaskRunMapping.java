package io.github.skyvernstarter.client;

import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.operation.SkyvernOperation;

/**
 * Where each value of a {@link TaskRunRequest} goes in {@code POST /v1/run/tasks}: {@code prompt} and
 * the request's fields are JSON body fields under Skyvern's names, {@code userAgent} is header
 * {@code x-user-agent}; the wait settings are never sent. Tasks read no {@code x-max-steps-override}
 * (the step cap is the body's {@code max_steps}) and no {@code run_metadata}.
 */
final class TaskRunMapping {

	private TaskRunMapping() {
	}

	static SkyvernCall toCall(TaskRunRequest request) {
		SkyvernCall.Builder call = SkyvernCall.to(SkyvernOperation.RUN_TASK).body("prompt", request.prompt());
		request.fields().forEach(call::body);
		return call.header(SkyvernHeaders.USER_AGENT, request.userAgent()).build();
	}

}
