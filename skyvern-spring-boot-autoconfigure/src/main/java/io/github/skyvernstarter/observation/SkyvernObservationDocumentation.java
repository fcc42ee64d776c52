package io.github.skyvernstarter.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations this library makes. Their names and keys are stable: dashboards and alerts may
 * rely on them.
 *
 * @since 0.1.0
 */
public enum SkyvernObservationDocumentation implements ObservationDocumentation {

	/**
	 * One logical Skyvern operation ({@code run}, {@code get}, {@code cancel}, {@code wait},
	 * {@code retry-webhook}), named {@code skyvern.operation}. It is the parent of the
	 * {@code http.client.requests} observation of each HTTP attempt inside it (retries and polls
	 * included).
	 */
	OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSkyvernOperationObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return OperationLowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return OperationHighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of {@link #OPERATION}: tags of its metrics and attributes of its spans.
	 */
	public enum OperationLowCardinalityKeyNames implements KeyName {

		/**
		 * The operation: {@code run}, {@code get}, {@code cancel}, {@code wait} or
		 * {@code retry-webhook}.
		 */
		OPERATION {
			@Override
			public String asString() {
				return "skyvern.operation";
			}
		},

		/**
		 * The workflow ({@code wpid_...}), or {@code unknown}. With
		 * {@code skyvern.observations.workflow-id-tag=false} it is a high-cardinality key instead.
		 */
		WORKFLOW_ID {
			@Override
			public String asString() {
				return "skyvern.workflow.id";
			}
		},

		/**
		 * The run status the operation saw last ({@code created}, {@code completed}, ...), or
		 * {@code none}.
		 */
		RUN_STATUS {
			@Override
			public String asString() {
				return "skyvern.run.status";
			}
		},

		/**
		 * How the operation ended: {@code success}, {@code failure} or {@code cancelled} (the caller
		 * stopped listening).
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/**
		 * Why it failed, as {@link io.github.skyvernstarter.error.SkyvernFailureReason} names it
		 * ({@code 403}, {@code connect}, {@code wait_timeout}, ...), or {@code none}.
		 */
		REASON {
			@Override
			public String asString() {
				return "reason";
			}
		}

	}

	/**
	 * High-cardinality keys of {@link #OPERATION}: span attributes only, never metric tags.
	 */
	public enum OperationHighCardinalityKeyNames implements KeyName {

		/**
		 * The run ({@code wr_...}), when known.
		 */
		RUN_ID {
			@Override
			public String asString() {
				return "skyvern.run.id";
			}
		}

	}

}
