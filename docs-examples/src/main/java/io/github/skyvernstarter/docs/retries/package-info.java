/**
 * Examples of docs/retries-and-timeouts.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.retries;

import org.jspecify.annotations.NullMarked;
