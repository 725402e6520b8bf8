package org.burstflow.activities.budget;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Holds neither reconciled nor released: what recovery looks at. */
public class OpenHolds {

  private final LedgerTransactions tx;

  public OpenHolds(DataSource dataSource) {
    this.tx = new LedgerTransactions(dataSource);
  }

  /** A cluster's open holds placed before {@code before}, oldest first. */
  public List<Operation> of(String cluster, Instant before) {
    return tx.run(c -> {
      try (PreparedStatement st = c.prepareStatement(
          "SELECT " + Journal.OPERATION_COLUMNS + " FROM budget_operation h WHERE h.kind = 'HOLD' AND h.cluster = ? "
              + "AND h.created_at < ? AND " + Journal.HOLD_UNSETTLED + " "
              // a later attempt's top-up is settled with its job's first hold, never on its own
              + "AND NOT (h.attempt > 1 AND EXISTS (SELECT 1 FROM budget_operation f "
              + "WHERE f.transaction_id = CONCAT('hold:', h.cluster, ':', h.job_id, ':1'))) "
              + "ORDER BY h.created_at")) {
        st.setString(1, cluster);
        st.setTimestamp(2, Timestamp.from(before));
        List<Operation> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(Journal.read(rs));
          }
        }
        return out;
      }
    });
  }
}
