/**
 * The run path: {@link io.github.skyvernstarter.client.SkyvernWorkflowTemplate} (blocking) and
 * {@link io.github.skyvernstarter.client.ReactiveSkyvernWorkflowTemplate} (non-blocking) over
 * {@link io.github.skyvernstarter.client.SkyvernApiClient}, the one place HTTP calls are made.
 */
@NullMarked
package io.github.skyvernstarter.client;

import org.jspecify.annotations.NullMarked;
