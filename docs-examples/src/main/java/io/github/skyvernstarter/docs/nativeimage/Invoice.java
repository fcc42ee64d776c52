package io.github.skyvernstarter.docs.nativeimage;

import java.math.BigDecimal;

/**
 * The output of the invoice workflow, as the application reads it with {@code outputAs}.
 *
 * @param total the invoice's total
 */
public record Invoice(BigDecimal total) {

}
