/**
 * The quick start of README.md: a service that runs the invoice workflow and waits for its output,
 * or takes it from the run-finished webhook.
 */
@NullMarked
package io.github.skyvernstarter.docs.quickstart;

import org.jspecify.annotations.NullMarked;
