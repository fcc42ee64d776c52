/**
 * Which failed Skyvern calls are sent again, and when: the rule in
 * {@link io.github.skyvernstarter.retry.SkyvernRetryDecision}, applied by
 * {@link io.github.skyvernstarter.retry.DefaultSkyvernRetryPolicy} without blocking a thread.
 */
@NullMarked
package io.github.skyvernstarter.retry;

import org.jspecify.annotations.NullMarked;
