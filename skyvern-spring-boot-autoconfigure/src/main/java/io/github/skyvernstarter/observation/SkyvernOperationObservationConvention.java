package io.github.skyvernstarter.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for Skyvern operations; declare a bean of this type to replace
 * {@link DefaultSkyvernOperationObservationConvention}.
 *
 * @since 0.1.0
 */
public interface SkyvernOperationObservationConvention extends ObservationConvention<SkyvernOperationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SkyvernOperationContext;
	}

}
