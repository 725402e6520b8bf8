package org.burstflow.contracts.budget;

import java.math.BigDecimal;

/** What was charged and released; {@code variance} = charged − estimate. */
public record ReconcileResult(
    String account,
    BigDecimal estimate,
    BigDecimal held,
    BigDecimal charged,
    BigDecimal released,
    BigDecimal variance,
    String breakdown) {}
