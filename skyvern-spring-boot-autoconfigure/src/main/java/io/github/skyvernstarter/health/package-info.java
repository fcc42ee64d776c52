/**
 * Health of the connection to Skyvern, for Spring Boot's health endpoint.
 */
@NullMarked
package io.github.skyvernstarter.health;

import org.jspecify.annotations.NullMarked;
