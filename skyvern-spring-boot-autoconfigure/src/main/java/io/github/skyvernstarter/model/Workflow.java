package io.github.skyvernstarter.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A version of a Skyvern workflow ("agent"), as {@code GET /v1/agents/{workflowId}} and
 * {@code GET /v1/agents} return it; enough of it to show it and to know its input parameters.
 *
 * @param workflowPermanentId the id runs are started with ({@code wpid_...})
 * @param workflowId the id of this version ({@code w_...})
 * @param version the version number
 * @param title the workflow's title
 * @param description the workflow's description, if any
 * @param status {@code published}, {@code draft}, {@code auto_generated}, ..., if known
 * @param isSavedTask whether the workflow is a saved task
 * @param isTemplate whether the workflow is a template
 * @param folderId the folder it is in, if any
 * @param webhookCallbackUrl the workflow's default webhook URL, if any
 * @param totpVerificationUrl the workflow's default 2FA code URL, if any
 * @param totpIdentifier the workflow's default 2FA identifier, if any
 * @param workflowDefinition the parameters and blocks
 * @param createdAt when this version was created
 * @param modifiedAt when this version was last saved
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Workflow(String workflowPermanentId, @Nullable String workflowId, @Nullable Integer version,
		@Nullable String title, @Nullable String description, @Nullable String status, @Nullable Boolean isSavedTask,
		@Nullable Boolean isTemplate, @Nullable String folderId, @Nullable String webhookCallbackUrl,
		@Nullable String totpVerificationUrl, @Nullable String totpIdentifier,
		@Nullable WorkflowDefinition workflowDefinition,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant createdAt,
		@JsonDeserialize(using = SkyvernTimestampDeserializer.class) @Nullable Instant modifiedAt) {

	/**
	 * Create a workflow.
	 * @param workflowPermanentId the id runs are started with
	 * @param workflowId the id of this version
	 * @param version the version number
	 * @param title the workflow's title
	 * @param description the workflow's description, if any
	 * @param status the workflow's status, if known
	 * @param isSavedTask whether the workflow is a saved task
	 * @param isTemplate whether the workflow is a template
	 * @param folderId the folder it is in, if any
	 * @param webhookCallbackUrl the workflow's default webhook URL, if any
	 * @param totpVerificationUrl the workflow's default 2FA code URL, if any
	 * @param totpIdentifier the workflow's default 2FA identifier, if any
	 * @param workflowDefinition the parameters and blocks
	 * @param createdAt when this version was created
	 * @param modifiedAt when this version was last saved
	 * @throws IllegalArgumentException if the permanent id is missing
	 */
	public Workflow {
		if (workflowPermanentId == null || workflowPermanentId.isBlank()) {
			throw new IllegalArgumentException("Workflow has no workflow_permanent_id");
		}
	}

	/**
	 * Return the parameters a run of this workflow takes as input, in their defined order.
	 * @return the input parameters, empty when there is no definition
	 */
	@JsonIgnore
	public List<WorkflowParameterDefinition> inputParameters() {
		return (this.workflowDefinition != null) ? this.workflowDefinition.inputParameters() : List.of();
	}

}
