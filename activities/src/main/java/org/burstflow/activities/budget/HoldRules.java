package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.burstflow.activities.budget.InsufficientBudgetException.Reason;

/** Whether an account may take a hold: ASBB's rule, plus the partition limits it never read. */
final class HoldRules {

  static void check(Connection c, AccountState account, HoldOrder order, BigDecimal held, Instant now)
      throws SQLException {
    if (!"active".equals(account.status())) {
      throw new InsufficientBudgetException(Reason.ACCOUNT_INACTIVE,
          "account " + account.account() + " is " + account.status() + ", not active");
    }
    if ((account.periodStart() != null && now.isBefore(account.periodStart()))
        || (account.periodEnd() != null && !now.isBefore(account.periodEnd()))) {
      throw new InsufficientBudgetException(Reason.ACCOUNT_EXPIRED,
          "account " + account.account() + " is outside its budget period " + account.periodStart() + " – "
              + account.periodEnd());
    }
    if (held.compareTo(account.available()) > 0) {
      throw new InsufficientBudgetException(Reason.INSUFFICIENT_BUDGET,
          "hold of " + held + " for " + describe(order) + " exceeds the " + account.available()
              + " available on account " + account.account() + " (limit " + account.limit() + ", used "
              + account.used() + ", held " + account.held() + ")");
    }
    if (order.partition() != null) {
      checkPartition(c, order, held);
    }
  }

  private static void checkPartition(Connection c, HoldOrder order, BigDecimal held) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT limit_amount, used_amount, held_amount FROM budget_partition_limit WHERE account = ? AND partition_name = ?")) {
      st.setString(1, order.account());
      st.setString(2, order.partition());
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return; // no limit of its own: the account's limit applies
        }
        BigDecimal available = rs.getBigDecimal(1).subtract(rs.getBigDecimal(2)).subtract(rs.getBigDecimal(3));
        if (held.compareTo(available) > 0) {
          throw new InsufficientBudgetException(Reason.PARTITION_LIMIT_EXCEEDED,
              "hold of " + held + " for " + describe(order) + " exceeds the " + available + " available on partition "
                  + order.partition() + " of account " + order.account() + " (partition limit " + rs.getBigDecimal(1) + ")");
        }
      }
    }
  }

  private static String describe(HoldOrder order) {
    return order.job() == null ? order.transactionId() : "job " + order.job();
  }

  private HoldRules() {}
}
