package org.burstflow.activities.budget;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Writes alerts in the ledger's transaction; one per (type, operation), so retries add none. */
final class BudgetAlerts {

  void overrun(Connection c, Operation reconcile) throws SQLException {
    insert(c, reconcile.account(), "job_overrun", "warning",
        "job " + reconcile.cluster() + ":" + reconcile.jobId() + " cost " + reconcile.amount()
            + ", more than its hold of " + reconcile.holdAmount() + "; charged in full",
        reconcile.transactionId());
  }

  void orphanReleased(Connection c, Operation release, String why) throws SQLException {
    insert(c, release.account(), "orphan_released", "warning",
        "hold " + release.transactionId() + " of " + release.amount() + " released: " + why, release.transactionId());
  }

  private static void insert(Connection c, String account, String type, String severity, String message, String txn)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT IGNORE INTO budget_alert (account, alert_type, severity, message, transaction_id) VALUES (?, ?, ?, ?, ?)")) {
      st.setString(1, account);
      st.setString(2, type);
      st.setString(3, severity);
      st.setString(4, message.length() > 1000 ? message.substring(0, 1000) : message);
      st.setString(5, txn);
      st.executeUpdate();
    }
  }
}
