package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A budget account: one Slurm account's limit, period, status, optional grant, balances (from
 * the account row, kept equal to the journal) and per-partition limits.
 */
public record BudgetAccount(
    String account,
    String name,
    String description,
    String status,
    Instant periodStart,
    Instant periodEnd,
    BigDecimal limit,
    BigDecimal used,
    BigDecimal held,
    Grant grant,
    Map<String, BigDecimal> partitionLimits,
    Instant createdAt) {

  public BigDecimal available() {
    return limit.subtract(used).subtract(held);
  }

  /** The grant that funds the account, when there is one. */
  public record Grant(
      String grantNumber,
      String fundingAgency,
      String principalInvestigator,
      LocalDate start,
      LocalDate end,
      BigDecimal awardAmount,
      BigDecimal indirectRate) {}
}
