/**
 * The Skyvern health indicator: whether Skyvern is reachable and accepts the API key.
 */
@NullMarked
package io.github.skyvernstarter.health;

import org.jspecify.annotations.NullMarked;
