/**
 * Skyvern's run request and run object as Java records, read and written in Skyvern's own JSON.
 */
@NullMarked
package io.github.skyvernstarter.model;

import org.jspecify.annotations.NullMarked;
