/**
 * A fake Skyvern API without an HTTP server of its own ({@link io.github.skyvernstarter.fake.FakeSkyvern}):
 * Skyvern's routes, runs that move through Skyvern's statuses, answers in Skyvern's JSON, recorded run
 * requests and signed run-finished webhooks. A server adapter turns its requests into
 * {@link io.github.skyvernstarter.fake.FakeRequest}s: WireMock in the test kit, the JDK's HTTP server in
 * the sample app.
 */
@NullMarked
package io.github.skyvernstarter.fake;

import org.jspecify.annotations.NullMarked;
