package org.burstflow.contracts.budget;

import java.math.BigDecimal;

/**
 * The hold placed for a job and the estimate it was derived from. {@code transactionId} is the
 * hold's idempotency key in the journal ({@code hold:<cluster>:<jobid>:<attempt>}); null in
 * results recorded before it existed.
 */
public record HoldResult(String account, BigDecimal estimate, BigDecimal held, String transactionId) {

  public HoldResult(String account, BigDecimal estimate, BigDecimal held) {
    this(account, estimate, held, null);
  }
}
