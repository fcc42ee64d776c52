package io.github.skyvernstarter.client;

import java.util.List;

import io.github.skyvernstarter.model.Artifact;
import io.github.skyvernstarter.model.ArtifactType;
import io.github.skyvernstarter.model.CancelRunsResult;
import io.github.skyvernstarter.model.RunTimelineEntry;
import io.github.skyvernstarter.model.SentVerificationCode;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.Workflow;
import io.github.skyvernstarter.operation.SkyvernOperation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;

/**
 * Where each value of the run support calls (timeline, artifacts, retry, bulk cancel, workflows,
 * verification codes) goes on the wire, and what each answer is read into; sent through the
 * {@link SkyvernApiClient}, so options, limits, retries and failures are those of every other call.
 */
final class SupportCalls {

	static final ResponseDecoder<List<RunTimelineEntry>> TIMELINE = list(new TypeReference<>() {
	});

	static final ResponseDecoder<List<Artifact>> ARTIFACTS = list(new TypeReference<>() {
	});

	static final ResponseDecoder<List<Workflow>> WORKFLOWS = list(new TypeReference<>() {
	});

	static final ResponseDecoder<SkyvernRun> RUN = ResponseDecoder.json(SkyvernRun.class);

	static final ResponseDecoder<CancelRunsResult> CANCEL_RESULT = ResponseDecoder
		.json(CancelRunsResult.class);

	static final ResponseDecoder<Workflow> WORKFLOW = ResponseDecoder.json(Workflow.class);

	static final ResponseDecoder<SentVerificationCode> SENT_CODE = ResponseDecoder
		.json(SentVerificationCode.class);

	private final SkyvernApiClient client;

	SupportCalls(SkyvernApiClient client) {
		this.client = client;
	}

	Mono<List<RunTimelineEntry>> timeline(String runId, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.GET_RUN_TIMELINE).runId(runId).build();
		return this.client.exchange(call, options, TIMELINE);
	}

	Mono<List<Artifact>> artifacts(String runId, List<ArtifactType> types, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.GET_RUN_ARTIFACTS)
			.runId(runId)
			.query("artifact_type", types)
			.build();
		return this.client.exchange(call, options, ARTIFACTS);
	}

	Mono<SkyvernRun> retry(RetryRunRequest request, RequestOptions options) {
		// No body: Skyvern reuses the stored parameters, webhook and 2FA settings of the run.
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.RETRY_RUN)
			.runId(request.runId())
			.header(SkyvernHeaders.MAX_STEPS_OVERRIDE, request.maxStepsOverride())
			.build();
		return this.client.exchange(call, options, RUN);
	}

	Mono<CancelRunsResult> cancel(List<String> runIds, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.CANCEL_RUNS).body("run_ids", runIds).build();
		return this.client.exchange(call, options, CANCEL_RESULT);
	}

	Mono<Workflow> workflow(String workflowId, @Nullable Integer version, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.GET_WORKFLOW)
			.workflowId(workflowId)
			.query("version", version)
			.build();
		return this.client.exchange(call, options, WORKFLOW);
	}

	Mono<List<Workflow>> workflows(ListWorkflowsRequest request, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.LIST_WORKFLOWS)
			.query("page", request.page())
			.query("page_size", request.pageSize())
			.query("search_key", request.searchKey())
			.query("folder_id", request.folderId())
			.query("status", request.statuses())
			.build();
		return this.client.exchange(call, options, WORKFLOWS);
	}

	Mono<SentVerificationCode> sendCode(VerificationCodeRequest request, RequestOptions options) {
		SkyvernCall call = SkyvernCall.to(SkyvernOperation.SEND_VERIFICATION_CODE)
			.body("totp_identifier", request.totpIdentifier())
			.body("content", request.content())
			.body("workflow_run_id", request.workflowRunId())
			.body("task_id", request.taskId())
			.body("workflow_id", request.workflowId())
			.body("source", request.source())
			.body("expired_at", (request.expiredAt() != null) ? request.expiredAt().toString() : null)
			.build();
		return this.client.exchange(call, options, SENT_CODE);
	}

	private static <T> ResponseDecoder<List<T>> list(TypeReference<List<T>> type) {
		return (body) -> {
			List<T> items = SkyvernJson.mapper().readValue(body, type);
			// A JSON null answer is read as no items, never as a null list.
			return (items != null) ? List.copyOf(items) : List.of();
		};
	}

}
