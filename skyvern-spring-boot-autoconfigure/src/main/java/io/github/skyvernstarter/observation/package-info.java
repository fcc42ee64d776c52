/**
 * Micrometer observations, metrics and logs for Skyvern operations: the
 * {@link io.github.skyvernstarter.observation.SkyvernObservationDocumentation documented} observation
 * names and keys, their replaceable conventions, and the run, wait and retry meters.
 */
@NullMarked
package io.github.skyvernstarter.observation;

import org.jspecify.annotations.NullMarked;
