/**
 * Examples of docs/files-and-diagnostics.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.files;

import org.jspecify.annotations.NullMarked;
