package io.github.skyvernstarter.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.NullNode;

/**
 * A Skyvern run as returned by the API and delivered by run-finished webhooks: a workflow run
 * ({@code run_type = workflow_run}) or one of the task runs {@code GET /v1/runs/{id}} can return.
 * <p>
 * Unknown fields are ignored and unknown status values are kept, so newer servers do not break
 * parsing. {@link #output()} is never {@code null}: a missing or {@code null} output is a
 * {@link NullNode}.
 *
 * @param runId the run id ({@code wr_...} for workflow runs)
 * @param status the run's status
 * @param output the run's output: an object, array, string or JSON null
 * @param downloadedFiles files the run downloaded, if any
 * @param recordingUrl URL of the browser recording, if any
 * @param recordingArchived whether the recording was archived
 * @param screenshotUrls URLs of the final screenshots, if any
 * @param failureReason why the run failed, if it did
 * @param createdAt when the run was created
 * @param modifiedAt when the run was last modified
 * @param queuedAt when the run was queued, if it was
 * @param startedAt when the run started, if it did
 * @param finishedAt when the run finished, if it did
 * @param appUrl link to the run in Skyvern's app, if any
 * @param browserSessionId the persistent browser session used, if any
 * @param browserProfileId the browser profile used, if any
 * @param maxScreenshotScrolls the screenshot scroll limit, if set
 * @param scriptRun details of a code run, if any
 * @param errors errors the run reported, if any
 * @param stepCount how many steps the run took, if known
 * @param runType the kind of run
 * @param runWith {@code agent} or {@code code}, if known
 * @param aiFallback whether AI fallback was allowed, if known
 * @param scriptId the script used, if any
 * @param browserSeedSource which layer seeded the run's browser, if known
 * @param runRequest the request that started the run, as Skyvern echoes it
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
// Fields this record does not know are skipped unread: without it, Jackson copies each one (a webhook's
// large extra fields included) into a buffer before dropping it.
@JsonIgnoreProperties(ignoreUnknown = true)
public record SkyvernRun(String runId, RunStatus status, JsonNode output, @Nullable List<FileInfo> downloadedFiles,
		@Nullable String recordingUrl, boolean recordingArchived, @Nullable List<String> screenshotUrls,
		@Nullable String failureReason,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant queuedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant startedAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant finishedAt,
		@Nullable String appUrl, @Nullable String browserSessionId, @Nullable String browserProfileId,
		@Nullable Integer maxScreenshotScrolls, @Nullable ScriptRun scriptRun, @Nullable List<JsonNode> errors,
		@Nullable Integer stepCount, @Nullable RunType runType, @Nullable String runWith,
		@Nullable Boolean aiFallback, @Nullable String scriptId, @Nullable String browserSeedSource,
		@Nullable JsonNode runRequest) {

	/**
	 * Create a run; a missing output becomes JSON null.
	 * @param runId the run id ({@code wr_...} for workflow runs)
	 * @param status the run's status
	 * @param output the run's output: an object, array, string or JSON null
	 * @param downloadedFiles files the run downloaded, if any
	 * @param recordingUrl URL of the browser recording, if any
	 * @param recordingArchived whether the recording was archived
	 * @param screenshotUrls URLs of the final screenshots, if any
	 * @param failureReason why the run failed, if it did
	 * @param createdAt when the run was created
	 * @param modifiedAt when the run was last modified
	 * @param queuedAt when the run was queued, if it was
	 * @param startedAt when the run started, if it did
	 * @param finishedAt when the run finished, if it did
	 * @param appUrl link to the run in Skyvern's app, if any
	 * @param browserSessionId the persistent browser session used, if any
	 * @param browserProfileId the browser profile used, if any
	 * @param maxScreenshotScrolls the screenshot scroll limit, if set
	 * @param scriptRun details of a code run, if any
	 * @param errors errors the run reported, if any
	 * @param stepCount how many steps the run took, if known
	 * @param runType the kind of run
	 * @param runWith {@code agent} or {@code code}, if known
	 * @param aiFallback whether AI fallback was allowed, if known
	 * @param scriptId the script used, if any
	 * @param browserSeedSource which layer seeded the run's browser, if known
	 * @param runRequest the request that started the run, as Skyvern echoes it
	 * @throws IllegalArgumentException if the run id is blank or the status missing
	 */
	public SkyvernRun {
		if (runId == null || runId.isBlank()) {
			throw new IllegalArgumentException("Run has no run_id");
		}
		if (status == null) {
			throw new IllegalArgumentException("Run " + runId + " has no status");
		}
		output = (output != null) ? output : NullNode.getInstance();
		// Jackson hands a JSON null to a JsonNode component as NullNode; "not echoed" is null either way.
		runRequest = (runRequest != null && !runRequest.isNull()) ? runRequest : null;
	}

	/**
	 * Whether the run has reached a final status.
	 * @return {@code true} if the run is completed, failed, terminated, canceled or timed out
	 */
	@JsonIgnore
	public boolean isFinal() {
		return this.status.isFinal();
	}

	/**
	 * Whether this is a workflow run; {@code GET /v1/runs/{id}} can also return task runs.
	 * @return {@code true} unless the server says this is another kind of run
	 */
	@JsonIgnore
	public boolean isWorkflowRun() {
		return this.runType == null || this.runType.isWorkflowRun();
	}

	/**
	 * Return the workflow id ({@code wpid_...}) the run was started for, as echoed in
	 * {@code run_request}.
	 * @return the workflow id, or {@code null} when the server did not echo it
	 */
	public @Nullable String workflowId() {
		if (this.runRequest == null) {
			return null;
		}
		for (String field : new String[] { "workflow_id", "agent_id" }) {
			JsonNode value = this.runRequest.get(field);
			if (value != null && value.isString()) {
				return value.asString();
			}
		}
		return null;
	}

	/**
	 * Convert the output to the given type, for example a record of the fields the workflow
	 * extracts.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the converted output, {@code null} when the output is JSON null
	 */
	public <T> @Nullable T outputAs(Class<T> type) {
		return this.output.isNull() ? null : SkyvernJson.mapper().treeToValue(this.output, type);
	}

	/**
	 * Convert the output to the given generic type, for example {@code List<Invoice>}.
	 * @param <T> the target type
	 * @param type the target type
	 * @return the converted output, {@code null} when the output is JSON null
	 */
	public <T> @Nullable T outputAs(TypeReference<T> type) {
		return this.output.isNull() ? null : SkyvernJson.mapper().treeToValue(this.output, type);
	}

}
