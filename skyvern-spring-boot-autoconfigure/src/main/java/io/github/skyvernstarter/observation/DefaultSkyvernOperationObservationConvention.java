package io.github.skyvernstarter.observation;

import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.observation.SkyvernObservationDocumentation.OperationHighCardinalityKeyNames;
import io.github.skyvernstarter.observation.SkyvernObservationDocumentation.OperationLowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link SkyvernOperationObservationConvention}: the name {@code skyvern.operation}, the
 * contextual name {@code skyvern <operation>}, and the keys of
 * {@link SkyvernObservationDocumentation#OPERATION}.
 *
 * @since 0.1.0
 */
public class DefaultSkyvernOperationObservationConvention implements SkyvernOperationObservationConvention {

	/** The observation's name. */
	public static final String NAME = "skyvern.operation";

	static final String UNKNOWN = "unknown";

	static final String NONE = "none";

	private final boolean workflowIdLowCardinality;

	/**
	 * Create a convention that tags metrics with the workflow id.
	 */
	public DefaultSkyvernOperationObservationConvention() {
		this(true);
	}

	/**
	 * Create a convention.
	 * @param workflowIdLowCardinality whether the workflow id is a low-cardinality key (a metric
	 * tag); when {@code false} it is a high-cardinality key (traces only)
	 */
	public DefaultSkyvernOperationObservationConvention(boolean workflowIdLowCardinality) {
		this.workflowIdLowCardinality = workflowIdLowCardinality;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SkyvernOperationContext context) {
		return "skyvern " + context.getOperation().operationName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SkyvernOperationContext context) {
		KeyValues keyValues = KeyValues.of(
				OperationLowCardinalityKeyNames.OPERATION.withValue(context.getOperation().operationName()),
				OperationLowCardinalityKeyNames.RUN_STATUS
					.withValue((context.getRunStatus() != null) ? context.getRunStatus().value() : NONE),
				OperationLowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome()),
				OperationLowCardinalityKeyNames.REASON.withValue(SkyvernFailureReason.of(context.getError())));
		return this.workflowIdLowCardinality ? keyValues.and(workflowId(context)) : keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SkyvernOperationContext context) {
		String runId = context.getRunId();
		KeyValues keyValues = (runId != null) ? KeyValues.of(OperationHighCardinalityKeyNames.RUN_ID.withValue(runId))
				: KeyValues.empty();
		return this.workflowIdLowCardinality ? keyValues : keyValues.and(workflowId(context));
	}

	private KeyValue workflowId(SkyvernOperationContext context) {
		return OperationLowCardinalityKeyNames.WORKFLOW_ID
			.withValue((context.getWorkflowId() != null) ? context.getWorkflowId() : UNKNOWN);
	}

}
