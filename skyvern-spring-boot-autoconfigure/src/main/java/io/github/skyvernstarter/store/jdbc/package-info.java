/**
 * Shared stores on a relational database through Spring's {@code JdbcClient}: schema scripts per
 * database under {@code META-INF/skyvern/}.
 */
@NullMarked
package io.github.skyvernstarter.store.jdbc;

import org.jspecify.annotations.NullMarked;
