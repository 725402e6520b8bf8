package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Checks the ledger's two invariants from the journal alone: every operation balances, and the
 * balances maintained on the account row equal the sums of its postings.
 */
public class LedgerAudit {

  /** An account's balances as its postings give them. */
  public record JournalBalance(BigDecimal limit, BigDecimal available, BigDecimal held, BigDecimal used) {}

  private final LedgerTransactions tx;

  public LedgerAudit(DataSource dataSource) {
    this.tx = new LedgerTransactions(dataSource);
  }

  public JournalBalance journalBalance(String account) {
    return tx.run(c -> {
      Map<Bucket, BigDecimal> sums = new EnumMap<>(Bucket.class);
      for (Bucket b : Bucket.values()) {
        sums.put(b, BigDecimal.ZERO.setScale(HoldLedger.MONEY_SCALE));
      }
      try (PreparedStatement st = c.prepareStatement(
          "SELECT bucket, SUM(amount) FROM budget_posting WHERE account = ? GROUP BY bucket")) {
        st.setString(1, account);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            sums.put(Bucket.valueOf(rs.getString(1)), rs.getBigDecimal(2));
          }
        }
      }
      return new JournalBalance(sums.get(Bucket.FUNDING).negate(), sums.get(Bucket.AVAILABLE),
          sums.get(Bucket.HELD), sums.get(Bucket.USED));
    });
  }

  /**
   * What is wrong with the account, empty if nothing: maintained balances that differ from the
   * journal, or funding that does not equal available + held + used.
   */
  public List<String> problems(String account, LedgerBalance maintained) {
    JournalBalance j = journalBalance(account);
    List<String> out = new ArrayList<>();
    compare(out, "limit", maintained.limit(), j.limit());
    compare(out, "used", maintained.used(), j.used());
    compare(out, "held", maintained.held(), j.held());
    compare(out, "available", maintained.available(), j.available());
    compare(out, "limit vs available + held + used", j.limit(), j.available().add(j.held()).add(j.used()));
    return out;
  }

  /** Transaction ids of operations whose postings do not sum to zero (there should be none). */
  public List<String> unbalancedOperations(String account) {
    return tx.run(c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(
          "SELECT o.transaction_id FROM budget_operation o JOIN budget_posting p ON p.operation_id = o.id "
              + "WHERE o.account = ? GROUP BY o.id, o.transaction_id HAVING SUM(p.amount) <> 0")) {
        st.setString(1, account);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return out;
    });
  }

  private static void compare(List<String> out, String what, BigDecimal a, BigDecimal b) {
    if (a.compareTo(b) != 0) {
      out.add(what + ": " + a + " ≠ " + b);
    }
  }
}
