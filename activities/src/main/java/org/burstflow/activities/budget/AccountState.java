package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** An account row read under its lock: the state every ledger decision is made on. */
record AccountState(
    String account, String status, Instant periodStart, Instant periodEnd,
    BigDecimal limit, BigDecimal used, BigDecimal held) {

  BigDecimal available() {
    return limit.subtract(used).subtract(held);
  }

  LedgerBalance balance() {
    return new LedgerBalance(account, limit, used, held, available());
  }

  /**
   * Locks the account row until the transaction ends ({@code SELECT … FOR UPDATE}): every
   * operation on one account is serialised here, so a check and the write it allows are atomic.
   */
  static AccountState lock(Connection c, String account) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT status, period_start, period_end, limit_amount, used_amount, held_amount "
            + "FROM budget_account WHERE account = ? FOR UPDATE")) {
      st.setString(1, account);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownAccountException(account);
        }
        return new AccountState(account, rs.getString(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6));
      }
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
