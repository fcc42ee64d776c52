/**
 * The sample's HTTP interface.
 */
@NullMarked
package io.github.skyvernstarter.sample.web;

import org.jspecify.annotations.NullMarked;
