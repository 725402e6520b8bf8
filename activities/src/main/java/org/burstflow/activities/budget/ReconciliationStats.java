package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** Figures over all reconciliations, for ASBB's {@code GET /api/v1/asbx/status}. */
public class ReconciliationStats {

  /**
   * @param overruns reconciliations that charged more than their hold
   * @param averageSecondsToReconcile from hold to reconciliation
   * @param averageAccuracy mean of 1 − |charge − estimate| / estimate, floored at 0
   */
  public record Stats(
      long reconciled, long overruns, Instant lastReconciled, BigDecimal averageSecondsToReconcile,
      BigDecimal averageAccuracy) {}

  private final LedgerTransactions tx;

  public ReconciliationStats(DataSource dataSource) {
    this.tx = new LedgerTransactions(dataSource);
  }

  public Stats all() {
    return tx.run(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT COUNT(*), COALESCE(SUM(r.overrun), 0), MAX(r.created_at), "
              + "AVG(TIMESTAMPDIFF(MICROSECOND, h.created_at, r.created_at)) / 1000000, "
              + "AVG(GREATEST(0, 1 - ABS(r.amount - r.estimate) / GREATEST(r.estimate, 0.01))) "
              + "FROM budget_operation r LEFT JOIN budget_operation h "
              + "ON h.transaction_id = CONCAT('hold:', SUBSTRING(r.transaction_id, 11)) WHERE r.kind = 'RECONCILE'");
          ResultSet rs = st.executeQuery()) {
        rs.next();
        Timestamp last = rs.getTimestamp(3);
        return new Stats(rs.getLong(1), rs.getLong(2), last == null ? null : last.toInstant(),
            rs.getBigDecimal(4), rs.getBigDecimal(5));
      }
    });
  }
}
