package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Appends balanced operations and keeps the account's (and partition's) maintained balances in
 * step with them, inside the caller's transaction. The caller must hold the account row lock.
 */
final class Journal {

  static final String OPERATION_COLUMNS =
      "id, transaction_id, account, kind, cluster, job_id, attempt, partition_name, amount, estimate, "
          + "hold_amount, overrun, description, detail, created_at";

  static Optional<Operation> find(Connection c, String transactionId) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT " + OPERATION_COLUMNS + " FROM budget_operation WHERE transaction_id = ?")) {
      st.setString(1, transactionId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * SQL condition: the hold aliased {@code h} is neither reconciled nor released (its settlement
   * shares the hold's key suffix, see {@link LedgerKeys#settlement}).
   */
  static final String HOLD_UNSETTLED =
      "NOT EXISTS (SELECT 1 FROM budget_operation s WHERE s.transaction_id IN "
          + "(CONCAT('reconcile:', SUBSTRING(h.transaction_id, 6)), CONCAT('release:', SUBSTRING(h.transaction_id, 6))))";

  /** A job's holds for attempts after the first that are neither reconciled nor released. */
  static List<Operation> openTopUps(Connection c, String cluster, long jobId) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "SELECT " + OPERATION_COLUMNS + " FROM budget_operation h WHERE h.kind = 'HOLD' AND h.cluster = ? "
            + "AND h.job_id = ? AND h.attempt > " + LedgerKeys.LIFECYCLE_ATTEMPT + " AND " + HOLD_UNSETTLED
            + " ORDER BY h.attempt")) {
      st.setString(1, cluster);
      st.setLong(2, jobId);
      List<Operation> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  static Operation append(Connection c, NewOperation op) throws SQLException {
    if (Postings.sum(op.postings()).signum() != 0) {
      throw new IllegalStateException("unbalanced operation " + op.transactionId() + ": " + op.postings());
    }
    long id = insertOperation(c, op);
    BigDecimal limitDelta = BigDecimal.ZERO;
    BigDecimal usedDelta = BigDecimal.ZERO;
    BigDecimal heldDelta = BigDecimal.ZERO;
    try (PreparedStatement st =
        c.prepareStatement("INSERT INTO budget_posting (operation_id, account, bucket, amount) VALUES (?, ?, ?, ?)")) {
      for (Posting p : op.postings()) {
        st.setLong(1, id);
        st.setString(2, op.account());
        st.setString(3, p.bucket().name());
        st.setBigDecimal(4, p.amount());
        st.addBatch();
        switch (p.bucket()) {
          case FUNDING -> limitDelta = limitDelta.subtract(p.amount());
          case USED -> usedDelta = usedDelta.add(p.amount());
          case HELD -> heldDelta = heldDelta.add(p.amount());
          case AVAILABLE -> { } // derived: limit − used − held
        }
      }
      st.executeBatch();
    }
    updateAccount(c, op.account(), limitDelta, usedDelta, heldDelta);
    if (op.partition() != null) {
      updatePartition(c, op.account(), op.partition(), usedDelta, heldDelta);
    }
    return find(c, op.transactionId()).orElseThrow();
  }

  private static void updateAccount(
      Connection c, String account, BigDecimal limitDelta, BigDecimal usedDelta, BigDecimal heldDelta)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE budget_account SET limit_amount = limit_amount + ?, used_amount = used_amount + ?, "
            + "held_amount = held_amount + ? WHERE account = ?")) {
      st.setBigDecimal(1, limitDelta);
      st.setBigDecimal(2, usedDelta);
      st.setBigDecimal(3, heldDelta);
      st.setString(4, account);
      st.executeUpdate();
    }
  }

  /** A partition without a limit row has nothing to maintain: the update touches no row. */
  private static void updatePartition(
      Connection c, String account, String partition, BigDecimal usedDelta, BigDecimal heldDelta)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "UPDATE budget_partition_limit SET used_amount = used_amount + ?, held_amount = held_amount + ? "
            + "WHERE account = ? AND partition_name = ?")) {
      st.setBigDecimal(1, usedDelta);
      st.setBigDecimal(2, heldDelta);
      st.setString(3, account);
      st.setString(4, partition);
      st.executeUpdate();
    }
  }

  private static long insertOperation(Connection c, NewOperation op) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "INSERT INTO budget_operation (transaction_id, account, kind, cluster, job_id, attempt, partition_name, "
                + "amount, estimate, hold_amount, overrun, description, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      st.setString(1, op.transactionId());
      st.setString(2, op.account());
      st.setString(3, op.kind().name());
      st.setString(4, op.cluster());
      setNullable(st, 5, op.jobId(), Types.BIGINT);
      setNullable(st, 6, op.attempt(), Types.INTEGER);
      st.setString(7, op.partition());
      st.setBigDecimal(8, op.amount());
      st.setBigDecimal(9, op.estimate());
      st.setBigDecimal(10, op.holdAmount());
      st.setBoolean(11, op.overrun());
      st.setString(12, op.description());
      st.setString(13, op.detail());
      st.executeUpdate();
      try (ResultSet keys = st.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void setNullable(PreparedStatement st, int index, Object value, int type) throws SQLException {
    if (value == null) {
      st.setNull(index, type);
    } else {
      st.setObject(index, value);
    }
  }

  static Operation read(ResultSet rs) throws SQLException {
    long jobId = rs.getLong("job_id");
    Long job = rs.wasNull() ? null : jobId;
    int attempt = rs.getInt("attempt");
    Integer att = rs.wasNull() ? null : attempt;
    return new Operation(
        rs.getLong("id"),
        rs.getString("transaction_id"),
        rs.getString("account"),
        OperationKind.valueOf(rs.getString("kind")),
        rs.getString("cluster"),
        job,
        att,
        rs.getString("partition_name"),
        rs.getBigDecimal("amount"),
        rs.getBigDecimal("estimate"),
        rs.getBigDecimal("hold_amount"),
        rs.getBoolean("overrun"),
        rs.getString("description"),
        rs.getString("detail"),
        rs.getTimestamp("created_at").toInstant());
  }

  private Journal() {}
}
