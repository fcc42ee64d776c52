/**
 * The embedded Skyvern simulator that lets the sample run without a Skyvern account: the project's
 * fake Skyvern served by the JDK's HTTP server.
 */
@NullMarked
package io.github.skyvernstarter.sample.simulator;

import org.jspecify.annotations.NullMarked;
