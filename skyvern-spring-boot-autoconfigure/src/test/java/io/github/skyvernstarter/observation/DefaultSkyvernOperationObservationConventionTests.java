package io.github.skyvernstarter.observation;

import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.observation.SkyvernOperationContext.Operation;
import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultSkyvernOperationObservationConvention}.
 */
class DefaultSkyvernOperationObservationConventionTests {

	private final DefaultSkyvernOperationObservationConvention convention = new DefaultSkyvernOperationObservationConvention();

	@Test
	void lowCardinalityKeyValuesFollowTheContextAsTheOperationGoesOn() {
		SkyvernOperationContext context = new SkyvernOperationContext(Operation.GET, "wr_1", null);
		assertThat(this.convention.getLowCardinalityKeyValues(context)).containsExactlyInAnyOrder(
				KeyValue.of("skyvern.operation", "get"), KeyValue.of("skyvern.workflow.id", "unknown"),
				KeyValue.of("skyvern.run.status", "none"), KeyValue.of("outcome", "success"),
				KeyValue.of("reason", "none"));
		context.setWorkflowId("wpid_1");
		context.setRunStatus(RunStatus.COMPLETED);
		assertThat(this.convention.getLowCardinalityKeyValues(context)).contains(
				KeyValue.of("skyvern.workflow.id", "wpid_1"), KeyValue.of("skyvern.run.status", "completed"),
				KeyValue.of("outcome", "success"));
		context.setError(new IllegalStateException("boom"));
		assertThat(this.convention.getLowCardinalityKeyValues(context)).contains(
				KeyValue.of("skyvern.workflow.id", "wpid_1"), KeyValue.of("outcome", "failure"),
				KeyValue.of("reason", "IllegalStateException"));
	}

	@Test
	void sameValuesInAnotherContextGiveTheSameKeyValues() {
		SkyvernOperationContext first = new SkyvernOperationContext(Operation.RUN, null, "wpid_1");
		SkyvernOperationContext second = new SkyvernOperationContext(Operation.RUN, null, String.join("_", "wpid", "1"));
		assertThat(this.convention.getLowCardinalityKeyValues(second))
			.containsExactlyElementsOf(this.convention.getLowCardinalityKeyValues(first));
		second.setCancelled();
		assertThat(this.convention.getLowCardinalityKeyValues(second)).contains(KeyValue.of("outcome", "cancelled"))
			.doesNotContain(KeyValue.of("outcome", "success"));
	}

	@Test
	void workflowIdIsNoLowCardinalityKeyWhenItsTagIsOff() {
		DefaultSkyvernOperationObservationConvention convention = new DefaultSkyvernOperationObservationConvention(
				false);
		SkyvernOperationContext context = new SkyvernOperationContext(Operation.RUN, "wr_1", "wpid_1");
		assertThat(convention.getLowCardinalityKeyValues(context)).extracting(KeyValue::getKey)
			.doesNotContain("skyvern.workflow.id");
		assertThat(convention.getHighCardinalityKeyValues(context)).contains(KeyValue.of("skyvern.workflow.id", "wpid_1"));
	}

}
