/**
 * The exceptions Skyvern calls fail with, all {@link io.github.skyvernstarter.error.SkyvernException}s:
 * one per HTTP status callers handle differently, transport failures, unreadable answers and wait
 * timeouts, and {@link io.github.skyvernstarter.error.SkyvernFailureReason} to name them in metrics and
 * logs.
 */
@NullMarked
package io.github.skyvernstarter.error;

import org.jspecify.annotations.NullMarked;
