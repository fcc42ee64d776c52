/**
 * Examples of docs/tasks.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.tasks;

import org.jspecify.annotations.NullMarked;
