/**
 * Spring Boot auto-configuration and {@code skyvern.*} configuration properties.
 */
@NullMarked
package io.github.skyvernstarter.autoconfigure;

import org.jspecify.annotations.NullMarked;
