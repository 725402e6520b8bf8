package org.burstflow.activities.budget;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the journal's operations, newest first. */
public class TransactionQuery {

  private final LedgerTransactions tx;

  public TransactionQuery(DataSource dataSource) {
    this.tx = new LedgerTransactions(dataSource);
  }

  public List<Operation> find(TransactionFilter f) {
    StringBuilder sql = new StringBuilder("SELECT " + Journal.OPERATION_COLUMNS + " FROM budget_operation WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    add(sql, args, " AND account = ?", f.account());
    add(sql, args, " AND cluster = ?", f.cluster());
    add(sql, args, " AND job_id = ?", f.jobId());
    add(sql, args, " AND kind = ?", f.kind() == null ? null : f.kind().name());
    add(sql, args, " AND created_at >= ?", f.from() == null ? null : Timestamp.from(f.from()));
    add(sql, args, " AND created_at < ?", f.to() == null ? null : Timestamp.from(f.to()));
    sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
    args.add(f.limit());
    args.add(f.offset());
    return tx.run(c -> {
      List<Operation> out = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          st.setObject(i + 1, args.get(i));
        }
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            out.add(Journal.read(rs));
          }
        }
      }
      return out;
    });
  }

  private static void add(StringBuilder sql, List<Object> args, String clause, Object value) {
    if (value != null) {
      sql.append(clause);
      args.add(value);
    }
  }
}
