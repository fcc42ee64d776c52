/**
 * What the sample does with run-finished webhooks.
 */
@NullMarked
package io.github.skyvernstarter.sample.webhook;

import org.jspecify.annotations.NullMarked;
