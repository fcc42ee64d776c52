/**
 * A sample application built on the Skyvern starter.
 */
@NullMarked
package io.github.skyvernstarter.sample;

import org.jspecify.annotations.NullMarked;
