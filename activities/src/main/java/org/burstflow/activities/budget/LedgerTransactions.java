package org.burstflow.activities.budget;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs ledger work in one database transaction at READ COMMITTED. READ COMMITTED matters: each
 * operation first locks its account row and then looks for an earlier operation with the same
 * key; under REPEATABLE READ that look-up could read a snapshot older than the lock and miss an
 * operation another transaction committed while we waited.
 */
public final class LedgerTransactions {

  /** Work inside a transaction. */
  public interface Body<T> {
    T run(Connection c) throws SQLException;
  }

  private static final int ATTEMPTS = 3;
  private final DataSource dataSource;

  public LedgerTransactions(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Deadlocks and a duplicate idempotency key (two first calls racing before either locked the
   * account) are retried: the retry sees the committed operation and returns it.
   */
  public <T> T run(Body<T> body) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(body);
      } catch (SQLException e) {
        if (attempt < ATTEMPTS && retryable(e)) {
          continue;
        }
        throw new LedgerDatabaseException(e);
      }
    }
  }

  private <T> T once(Body<T> body) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      try {
        T result = body.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static boolean retryable(SQLException e) {
    String state = e.getSQLState();
    // 40001 deadlock / serialization failure; 23000 with MySQL error 1062 = duplicate key
    return "40001".equals(state) || e.getErrorCode() == 1213 || e.getErrorCode() == 1062;
  }
}
