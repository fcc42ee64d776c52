/**
 * Test kit for applications that use the Skyvern starter: a Skyvern API stub
 * ({@link io.github.skyvernstarter.test.SkyvernStub}), started in Spring tests by
 * {@link io.github.skyvernstarter.test.AutoConfigureSkyvernStub}, and a webhook signer
 * ({@link io.github.skyvernstarter.test.SkyvernWebhookSigner}).
 */
@NullMarked
package io.github.skyvernstarter.test;

import org.jspecify.annotations.NullMarked;
