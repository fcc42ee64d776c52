/**
 * A demo source of 2FA verification codes for Skyvern runs.
 */
@NullMarked
package io.github.skyvernstarter.sample.twofactor;

import org.jspecify.annotations.NullMarked;
