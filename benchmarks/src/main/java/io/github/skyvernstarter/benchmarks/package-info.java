/**
 * Side-by-side benchmarks of the starter against hand-written code, on loopback only.
 */
@NullMarked
package io.github.skyvernstarter.benchmarks;

import org.jspecify.annotations.NullMarked;
