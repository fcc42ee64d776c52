package io.github.skyvernstarter.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.error.SkyvernFailureReason;
import io.github.skyvernstarter.observation.SkyvernObservationDocumentation.OperationHighCardinalityKeyNames;
import io.github.skyvernstarter.observation.SkyvernObservationDocumentation.OperationLowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

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

	/**
	 * The most tag combinations kept: enough for every operation, status, outcome and reason of a few
	 * hundred workflows; others are built on each call.
	 */
	private static final int MAX_CACHED_KEY_VALUES = 4096;

	private final boolean workflowIdLowCardinality;

	/**
	 * The low-cardinality key values by their values: built (and sorted) once per combination rather
	 * than twice per operation, when the observation starts and when it stops.
	 */
	private final Map<LowCardinalityValues, KeyValues> lowCardinalityKeyValues = new ConcurrentHashMap<>();

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
		LowCardinalityValues values = new LowCardinalityValues(context.getOperation().operationName(),
				(context.getRunStatus() != null) ? context.getRunStatus().value() : NONE, context.getOutcome(),
				SkyvernFailureReason.of(context.getError()),
				this.workflowIdLowCardinality ? workflowIdValue(context) : null);
		KeyValues keyValues = this.lowCardinalityKeyValues.get(values);
		if (keyValues == null) {
			keyValues = values.toKeyValues();
			if (this.lowCardinalityKeyValues.size() < MAX_CACHED_KEY_VALUES) {
				this.lowCardinalityKeyValues.putIfAbsent(values, keyValues);
			}
		}
		return keyValues;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(SkyvernOperationContext context) {
		String runId = context.getRunId();
		KeyValues keyValues = (runId != null) ? KeyValues.of(OperationHighCardinalityKeyNames.RUN_ID.withValue(runId))
				: KeyValues.empty();
		return this.workflowIdLowCardinality ? keyValues : keyValues.and(workflowId(context));
	}

	private KeyValue workflowId(SkyvernOperationContext context) {
		return OperationLowCardinalityKeyNames.WORKFLOW_ID.withValue(workflowIdValue(context));
	}

	private static String workflowIdValue(SkyvernOperationContext context) {
		return (context.getWorkflowId() != null) ? context.getWorkflowId() : UNKNOWN;
	}

	/**
	 * The values of the low-cardinality keys, the workflow id {@code null} when it is not one of them.
	 */
	private record LowCardinalityValues(String operation, String runStatus, String outcome, String reason,
			@Nullable String workflowId) {

		KeyValues toKeyValues() {
			KeyValues keyValues = KeyValues.of(OperationLowCardinalityKeyNames.OPERATION.withValue(this.operation),
					OperationLowCardinalityKeyNames.RUN_STATUS.withValue(this.runStatus),
					OperationLowCardinalityKeyNames.OUTCOME.withValue(this.outcome),
					OperationLowCardinalityKeyNames.REASON.withValue(this.reason));
			return (this.workflowId != null)
					? keyValues.and(OperationLowCardinalityKeyNames.WORKFLOW_ID.withValue(this.workflowId)) : keyValues;
		}

	}

}
