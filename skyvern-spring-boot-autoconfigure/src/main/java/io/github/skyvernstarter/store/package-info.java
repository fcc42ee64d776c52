/**
 * State that several instances of an application share: the run registry, the reconciler that
 * publishes run-finished events whose webhook never arrived, and waits that finish on any instance.
 * The engines are in {@code store.jdbc} and {@code store.redis}.
 */
@NullMarked
package io.github.skyvernstarter.store;

import org.jspecify.annotations.NullMarked;
