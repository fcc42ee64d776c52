/**
 * Examples of docs/verification-codes.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.verificationcodes;

import org.jspecify.annotations.NullMarked;
