package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** An account's balances, burn rate, health and active alerts, as of now. */
public class BudgetStatus {

  /** The status of one account. */
  public record AccountStatus(BudgetAccount account, BurnRate burnRate, List<BurnRate.Alert> activeAlerts) {}

  private static final Duration WINDOW = Duration.ofDays(30);
  private final LedgerTransactions tx;
  private final Clock clock;

  public BudgetStatus(DataSource dataSource, Clock clock) {
    this.tx = new LedgerTransactions(dataSource);
    this.clock = clock;
  }

  /** @throws UnknownAccountException if there is no such account */
  public AccountStatus of(String name) {
    Instant now = clock.instant();
    return tx.run(c -> {
      BudgetAccount account = BudgetAccounts.read(c, name).orElseThrow(() -> new UnknownAccountException(name));
      BigDecimal spent;
      try (PreparedStatement st = c.prepareStatement(
          "SELECT COALESCE(SUM(p.amount), 0) FROM budget_posting p JOIN budget_operation o ON o.id = p.operation_id "
              + "WHERE o.account = ? AND p.bucket = 'USED' AND o.created_at >= ?")) {
        st.setString(1, name);
        st.setTimestamp(2, Timestamp.from(now.minus(WINDOW)));
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          spent = rs.getBigDecimal(1);
        }
      }
      Instant start = account.periodStart() != null ? account.periodStart() : account.createdAt();
      BurnRate burn = BurnRate.of(account.limit(), account.used(), account.available(), start,
          account.periodEnd(), spent, WINDOW, now);
      List<BurnRate.Alert> stored = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT alert_type, severity, message FROM budget_alert WHERE account = ? AND status = 'active' "
              + "ORDER BY triggered_at DESC LIMIT 50")) {
        st.setString(1, name);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            stored.add(new BurnRate.Alert(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
        }
      }
      return new AccountStatus(account, burn, stored);
    });
  }
}
