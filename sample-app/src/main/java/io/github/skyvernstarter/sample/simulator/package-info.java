/**
 * The embedded Skyvern simulator that lets the sample run without a Skyvern account.
 */
@NullMarked
package io.github.skyvernstarter.sample.simulator;

import org.jspecify.annotations.NullMarked;
