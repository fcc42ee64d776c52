/**
 * The Skyvern API calls this starter makes, named once in
 * {@link io.github.skyvernstarter.operation.SkyvernOperation}: the vocabulary the client, its errors,
 * retries and metrics share.
 */
@NullMarked
package io.github.skyvernstarter.operation;

import org.jspecify.annotations.NullMarked;
