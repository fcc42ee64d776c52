package io.github.skyvernstarter.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;
import tools.jackson.databind.node.NullNode;

/**
 * A parameter defined by a workflow. Inputs (the values a run start passes in {@code parameters}) have
 * {@code parameter_type} {@code workflow}; outputs, context values, credentials and secrets are not
 * inputs.
 *
 * @param parameterType the kind of parameter, {@code workflow} for an input
 * @param key the parameter's key, as run requests name it
 * @param description what the parameter is for, if described
 * @param workflowParameterType an input's value type: {@code string}, {@code integer}, {@code float},
 * {@code boolean}, {@code json}, {@code file_url} or {@code credential_id}
 * @param defaultValue an input's default value, JSON null when it has none
 * @since 0.1.0
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkflowParameterDefinition(String parameterType, String key, @Nullable String description,
		@Nullable String workflowParameterType, JsonNode defaultValue) {

	/** The {@code parameter_type} of inputs. */
	public static final String INPUT = "workflow";

	/**
	 * Create a definition; a missing default becomes JSON null.
	 * @param parameterType the kind of parameter
	 * @param key the parameter's key
	 * @param description what the parameter is for, if described
	 * @param workflowParameterType an input's value type
	 * @param defaultValue an input's default value
	 * @throws IllegalArgumentException if the key is missing
	 */
	public WorkflowParameterDefinition {
		if (key == null) {
			throw new IllegalArgumentException("Workflow parameter has no key");
		}
		parameterType = (parameterType != null) ? parameterType : INPUT;
		defaultValue = (defaultValue != null) ? defaultValue : NullNode.getInstance();
	}

	/**
	 * Whether a run passes this parameter in its {@code parameters}.
	 * @return {@code true} for an input parameter
	 */
	@JsonIgnore
	public boolean isInput() {
		return INPUT.equals(this.parameterType);
	}

	/**
	 * Whether the parameter has a default value.
	 * @return {@code true} if it has one
	 */
	@JsonIgnore
	public boolean hasDefault() {
		return !this.defaultValue.isNull();
	}

	/**
	 * Whether a run must pass this parameter, by Skyvern's rule: an input without a default that is not
	 * a {@code credential_id}.
	 * @return {@code true} if a run start without it fails with 400
	 */
	@JsonIgnore
	public boolean isRequired() {
		return isInput() && !hasDefault() && !"credential_id".equals(this.workflowParameterType);
	}

}
