/**
 * Shared stores on Redis through Spring Data Redis: atomic claims in Lua scripts, TTLs instead of
 * cleanup jobs, pub/sub for finished runs.
 */
@NullMarked
package io.github.skyvernstarter.store.redis;

import org.jspecify.annotations.NullMarked;
