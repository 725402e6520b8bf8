package org.burstflow.contracts.budget;

import java.math.BigDecimal;

/**
 * What was charged and released; {@code variance} = charged − estimate. {@code overrun}: the
 * charge exceeded the hold (charged in full and alerted). {@code estimationAccuracy} = 1 −
 * |variance| / estimate, floored at 0 (ASBB's definition). The last three are null/false in
 * results recorded before they existed.
 */
public record ReconcileResult(
    String account,
    BigDecimal estimate,
    BigDecimal held,
    BigDecimal charged,
    BigDecimal released,
    BigDecimal variance,
    String breakdown,
    boolean overrun,
    BigDecimal estimationAccuracy,
    String transactionId) {

  public ReconcileResult(
      String account, BigDecimal estimate, BigDecimal held, BigDecimal charged, BigDecimal released,
      BigDecimal variance, String breakdown) {
    this(account, estimate, held, charged, released, variance, breakdown, false, null, null);
  }
}
