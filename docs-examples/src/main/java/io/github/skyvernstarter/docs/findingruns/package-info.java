/**
 * Examples of docs/finding-runs.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.findingruns;

import org.jspecify.annotations.NullMarked;
