package org.burstflow.activities.budget;

import java.sql.SQLException;

/** The ledger's database failed; retrying later may help. */
public class LedgerDatabaseException extends RuntimeException {
  public LedgerDatabaseException(SQLException cause) {
    super("ledger database error: " + cause.getMessage(), cause);
  }
}
