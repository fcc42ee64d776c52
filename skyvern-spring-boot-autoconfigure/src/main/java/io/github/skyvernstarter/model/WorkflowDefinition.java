package io.github.skyvernstarter.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.NullNode;

/**
 * What a workflow is made of: its parameters (typed) and its blocks (as JSON).
 *
 * @param version the definition's format version, if given
 * @param parameters every parameter: inputs, outputs, context values, credentials and secrets
 * @param blocks the blocks, as Skyvern writes them
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkflowDefinition(@Nullable Integer version, List<WorkflowParameterDefinition> parameters,
		JsonNode blocks) {

	/**
	 * Create a definition; missing parameters are none and missing blocks JSON null.
	 * @param version the definition's format version, if given
	 * @param parameters every parameter
	 * @param blocks the blocks
	 */
	public WorkflowDefinition {
		parameters = (parameters != null) ? List.copyOf(parameters) : List.of();
		blocks = (blocks != null) ? blocks : NullNode.getInstance();
	}

	/**
	 * Return the parameters a run takes as input ({@code parameter_type} {@code workflow}).
	 * @return the input parameters, in their defined order
	 */
	@JsonIgnore
	public List<WorkflowParameterDefinition> inputParameters() {
		return this.parameters.stream().filter(WorkflowParameterDefinition::isInput).toList();
	}

}
