/**
 * Examples of docs/webhooks.md.
 */
@NullMarked
package io.github.skyvernstarter.docs.webhooks;

import org.jspecify.annotations.NullMarked;
