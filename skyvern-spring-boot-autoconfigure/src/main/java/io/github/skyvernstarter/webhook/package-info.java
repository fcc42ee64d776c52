/**
 * Receiving Skyvern's run-finished webhooks: signature verification, idempotent delivery as
 * {@link io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent}s, and waits that finish on the
 * webhook. Turned on with {@link io.github.skyvernstarter.webhook.EnableSkyvernWebhooks}.
 */
@NullMarked
package io.github.skyvernstarter.webhook;

import org.jspecify.annotations.NullMarked;
