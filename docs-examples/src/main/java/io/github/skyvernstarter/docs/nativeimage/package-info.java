/**
 * Examples of docs/native-images.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.nativeimage;

import org.jspecify.annotations.NullMarked;
