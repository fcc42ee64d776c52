/**
 * Examples of docs/running-workflows.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.running;

import org.jspecify.annotations.NullMarked;
