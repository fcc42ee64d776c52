/**
 * Examples of docs/exactly-once-run-starts.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.exactlyonce;

import org.jspecify.annotations.NullMarked;
