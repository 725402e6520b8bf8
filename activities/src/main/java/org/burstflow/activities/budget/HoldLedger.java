package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileResult;

/**
 * The budget journal. Every operation appends entries keyed by an idempotency key derived from
 * the job, inside one transaction that first locks the account row ({@code SELECT … FOR
 * UPDATE}), so concurrent holds on one account are serialised and can never overcommit.
 * Balances are always derived from the journal.
 */
public class HoldLedger {

  static final String HOLD = "HOLD";
  static final String RELEASE = "RELEASE";
  static final String CHARGE = "CHARGE";

  private final DataSource dataSource;

  public HoldLedger(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Creates the account with this limit if it does not exist; never changes an existing one. */
  public void ensureAccount(String account, BigDecimal limit) {
    inTransaction(
        c -> {
          try (PreparedStatement st =
              c.prepareStatement(
                  "INSERT IGNORE INTO budget_account (account, limit_amount) VALUES (?, ?)")) {
            st.setString(1, account);
            st.setBigDecimal(2, limit);
            st.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Holds {@code estimate × buffer}. Returns the existing hold if the job already has one.
   *
   * @throws InsufficientBudgetException if the hold exceeds what is available; nothing written
   * @throws UnknownAccountException if the account does not exist
   */
  public HoldResult hold(JobKey job, String account, BigDecimal estimate, BigDecimal buffer) {
    return inTransaction(
        c -> {
          lockAccount(c, account);
          Optional<Entry> existing = findEntry(c, key(HOLD, job));
          if (existing.isPresent()) {
            Entry e = existing.get();
            return new HoldResult(e.account(), e.estimate(), e.amount());
          }
          BigDecimal held = estimate.multiply(buffer).setScale(CostModel.MONEY_SCALE, java.math.RoundingMode.HALF_UP);
          LedgerBalance balance = balance(c, account);
          if (held.compareTo(balance.available()) > 0) {
            throw new InsufficientBudgetException(
                "hold of " + held + " for job " + job + " exceeds the " + balance.available()
                    + " available on account " + account + " (limit " + balance.limit()
                    + ", used " + balance.used() + ", held " + balance.held() + ")");
          }
          insert(c, key(HOLD, job), account, job, HOLD, held, estimate, null);
          return new HoldResult(account, estimate, held);
        });
  }

  /**
   * Charges the actual cost and releases the whole hold. A second call returns the first result
   * and writes nothing. An actual above the hold is charged all the same, and flagged in the
   * result (variance > held − estimate).
   */
  public ReconcileResult reconcile(JobKey job, BigDecimal actual, String breakdown) {
    return inTransaction(
        c -> {
          Entry hold =
              findEntry(c, key(HOLD, job))
                  .orElseThrow(() -> new IllegalStateException("job " + job + " has no hold to reconcile"));
          lockAccount(c, hold.account());
          Optional<Entry> charged = findEntry(c, key(CHARGE, job));
          if (charged.isEmpty()) {
            insert(c, key(CHARGE, job), hold.account(), job, CHARGE, actual, null, breakdown);
            releaseIfHeld(c, job, hold);
            charged = findEntry(c, key(CHARGE, job));
          }
          Entry charge = charged.orElseThrow();
          BigDecimal released = findEntry(c, key(RELEASE, job)).map(Entry::amount).orElse(BigDecimal.ZERO);
          return new ReconcileResult(
              hold.account(),
              hold.estimate(),
              hold.amount(),
              charge.amount(),
              released,
              charge.amount().subtract(hold.estimate()),
              charge.detail());
        });
  }

  /** Releases the job's hold without a charge; harmless if there is none or it was released. */
  public void release(JobKey job) {
    inTransaction(
        c -> {
          Optional<Entry> hold = findEntry(c, key(HOLD, job));
          if (hold.isPresent()) {
            lockAccount(c, hold.get().account());
            releaseIfHeld(c, job, hold.get());
          }
          return null;
        });
  }

  public LedgerBalance balance(String account) {
    return inTransaction(c -> balance(c, account));
  }

  private void releaseIfHeld(Connection c, JobKey job, Entry hold) throws SQLException {
    if (findEntry(c, key(RELEASE, job)).isEmpty()) {
      insert(c, key(RELEASE, job), hold.account(), job, RELEASE, hold.amount(), null, null);
    }
  }

  private static LedgerBalance balance(Connection c, String account) throws SQLException {
    BigDecimal limit = lockAccount(c, account);
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT "
                + "COALESCE(SUM(CASE WHEN kind = 'CHARGE' THEN amount END), 0), "
                + "COALESCE(SUM(CASE WHEN kind = 'HOLD' THEN amount WHEN kind = 'RELEASE' THEN -amount END), 0) "
                + "FROM ledger_entry WHERE account = ?")) {
      st.setString(1, account);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        BigDecimal used = rs.getBigDecimal(1);
        BigDecimal held = rs.getBigDecimal(2);
        return new LedgerBalance(account, limit, used, held, limit.subtract(used).subtract(held));
      }
    }
  }

  /** Locks the account row for the rest of the transaction and returns its limit. */
  private static BigDecimal lockAccount(Connection c, String account) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT limit_amount FROM budget_account WHERE account = ? FOR UPDATE")) {
      st.setString(1, account);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          throw new UnknownAccountException(account);
        }
        return rs.getBigDecimal(1);
      }
    }
  }

  private record Entry(String account, BigDecimal amount, BigDecimal estimate, String detail) {}

  private static Optional<Entry> findEntry(Connection c, String key) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT account, amount, estimate, detail FROM ledger_entry WHERE idempotency_key = ?")) {
      st.setString(1, key);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Entry(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4)));
      }
    }
  }

  private static void insert(
      Connection c, String key, String account, JobKey job, String kind, BigDecimal amount,
      BigDecimal estimate, String detail)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO ledger_entry (idempotency_key, account, cluster, job_id, kind, amount, estimate, detail) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      st.setString(1, key);
      st.setString(2, account);
      st.setString(3, job.cluster());
      st.setLong(4, job.jobId());
      st.setString(5, kind);
      st.setBigDecimal(6, amount);
      st.setBigDecimal(7, estimate);
      st.setString(8, detail);
      st.executeUpdate();
    }
  }

  static String key(String kind, JobKey job) {
    return kind.toLowerCase() + ":" + job.cluster() + ":" + job.jobId();
  }

  private interface TransactionBody<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(TransactionBody<T> body) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = body.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("ledger database error: " + e.getMessage(), e);
    }
  }
}
