package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/** Budget accounts: create, read, change, deactivate. Limits move only through the journal. */
public class BudgetAccounts {

  public static final Set<String> STATUSES = Set.of("active", "inactive", "suspended", "expired");

  private final LedgerTransactions tx;

  public BudgetAccounts(DataSource dataSource) {
    this(new LedgerTransactions(dataSource));
  }

  BudgetAccounts(LedgerTransactions tx) {
    this.tx = tx;
  }

  /** Creates the account with this limit if it does not exist; never changes an existing one. */
  public void ensure(String account, BigDecimal limit) {
    tx.run(c -> {
      if (insertRow(c, account)) {
        allocate(c, account, limit, "allocation:" + account + ":initial", "initial limit from configuration");
      }
      return null;
    });
  }

  /** @throws DuplicateAccountException if it exists */
  public BudgetAccount create(String account, AccountChanges spec) {
    validate(spec);
    return tx.run(c -> {
      if (!insertRow(c, account)) {
        throw new DuplicateAccountException(account);
      }
      AccountState.lock(c, account);
      BigDecimal limit = spec.limit() == null ? BigDecimal.ZERO : spec.limit();
      allocate(c, account, limit, "allocation:" + account + ":initial", "initial limit");
      apply(c, account, new AccountChanges(spec.name(), spec.description(), spec.status(), spec.periodStart(),
          spec.periodEnd(), null, spec.grant(), spec.partitionLimits()));
      return read(c, account).orElseThrow();
    });
  }

  /** @throws UnknownAccountException if it does not exist */
  public BudgetAccount update(String account, AccountChanges changes) {
    validate(changes);
    return tx.run(c -> {
      AccountState state = AccountState.lock(c, account);
      if (changes.limit() != null && changes.limit().compareTo(state.limit()) != 0) {
        BigDecimal delta = changes.limit().subtract(state.limit());
        Journal.append(c, new NewOperation("adjustment:" + account + ":" + UUID.randomUUID(), account,
            OperationKind.ADJUSTMENT, null, null, null, null, delta, null, null, false,
            "limit " + state.limit() + " → " + changes.limit(), null, Postings.allocation(delta)));
      }
      apply(c, account, changes);
      return read(c, account).orElseThrow();
    });
  }

  /**
   * Accounts are never deleted, because the journal refers to them: deleting one sets it
   * inactive, so it takes no more holds while its open holds can still be settled.
   */
  public BudgetAccount deactivate(String account) {
    return update(account, new AccountChanges(null, null, "inactive", null, null, null, null, null));
  }

  public Optional<BudgetAccount> get(String account) {
    return tx.run(c -> read(c, account));
  }

  public List<BudgetAccount> list(String status, int limit, int offset) {
    return tx.run(c -> {
      List<String> names = new ArrayList<>();
      try (PreparedStatement st = c.prepareStatement("SELECT account FROM budget_account"
          + (status == null ? "" : " WHERE status = ?") + " ORDER BY account LIMIT ? OFFSET ?")) {
        int i = 1;
        if (status != null) {
          st.setString(i++, status);
        }
        st.setInt(i++, limit);
        st.setInt(i, offset);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            names.add(rs.getString(1));
          }
        }
      }
      List<BudgetAccount> out = new ArrayList<>();
      for (String name : names) {
        read(c, name).ifPresent(out::add);
      }
      return out;
    });
  }

  private static boolean insertRow(Connection c, String account) throws SQLException {
    if (account == null || !account.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("account must be a Slurm account name ([A-Za-z0-9_.-]{1,64}), got '" + account + "'");
    }
    try (PreparedStatement st = c.prepareStatement(
        "INSERT IGNORE INTO budget_account (account, limit_amount) VALUES (?, 0)")) {
      st.setString(1, account);
      return st.executeUpdate() == 1;
    }
  }

  private static void allocate(Connection c, String account, BigDecimal limit, String key, String why)
      throws SQLException {
    BigDecimal amount = limit.setScale(HoldLedger.MONEY_SCALE, RoundingMode.HALF_UP);
    Journal.append(c, new NewOperation(key, account, OperationKind.ALLOCATION, null, null, null, null, amount,
        null, null, false, why, null, Postings.allocation(amount)));
  }

  private static void validate(AccountChanges changes) {
    if (changes.status() != null && !STATUSES.contains(changes.status())) {
      throw new IllegalArgumentException("status must be one of " + STATUSES + ", got '" + changes.status() + "'");
    }
    if (changes.limit() != null && changes.limit().signum() < 0) {
      throw new IllegalArgumentException("budget_limit must be ≥ 0, got " + changes.limit());
    }
    if (changes.periodStart() != null && changes.periodEnd() != null
        && !changes.periodEnd().isAfter(changes.periodStart())) {
      throw new IllegalArgumentException("end_date must be after start_date");
    }
  }

  private static void apply(Connection c, String account, AccountChanges ch) throws SQLException {
    BudgetAccount.Grant g = ch.grant();
    try (PreparedStatement st = c.prepareStatement("UPDATE budget_account SET "
        + "name = COALESCE(?, name), description = COALESCE(?, description), status = COALESCE(?, status), "
        + "period_start = COALESCE(?, period_start), period_end = COALESCE(?, period_end), "
        + "grant_number = COALESCE(?, grant_number), funding_agency = COALESCE(?, funding_agency), "
        + "principal_investigator = COALESCE(?, principal_investigator), grant_start = COALESCE(?, grant_start), "
        + "grant_end = COALESCE(?, grant_end), award_amount = COALESCE(?, award_amount), "
        + "indirect_rate = COALESCE(?, indirect_rate) WHERE account = ?")) {
      st.setString(1, ch.name());
      st.setString(2, ch.description());
      st.setString(3, ch.status());
      st.setTimestamp(4, ch.periodStart() == null ? null : Timestamp.from(ch.periodStart()));
      st.setTimestamp(5, ch.periodEnd() == null ? null : Timestamp.from(ch.periodEnd()));
      st.setString(6, g == null ? null : g.grantNumber());
      st.setString(7, g == null ? null : g.fundingAgency());
      st.setString(8, g == null ? null : g.principalInvestigator());
      st.setDate(9, g == null || g.start() == null ? null : Date.valueOf(g.start()));
      st.setDate(10, g == null || g.end() == null ? null : Date.valueOf(g.end()));
      st.setBigDecimal(11, g == null ? null : g.awardAmount());
      st.setBigDecimal(12, g == null ? null : g.indirectRate());
      st.setString(13, account);
      st.executeUpdate();
    }
    if (ch.partitionLimits() != null) {
      for (Map.Entry<String, BigDecimal> e : ch.partitionLimits().entrySet()) {
        setPartitionLimit(c, account, e.getKey(), e.getValue());
      }
    }
  }

  /**
   * A new partition limit starts from what the partition already used and holds, so it limits
   * from now on what it would have limited all along.
   */
  private static void setPartitionLimit(Connection c, String account, String partition, BigDecimal limit)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(
        "INSERT INTO budget_partition_limit (account, partition_name, limit_amount, used_amount, held_amount) "
            + "SELECT ?, ?, ?, "
            + "COALESCE(SUM(CASE WHEN p.bucket = 'USED' THEN p.amount END), 0), "
            + "COALESCE(SUM(CASE WHEN p.bucket = 'HELD' THEN p.amount END), 0) "
            + "FROM budget_posting p JOIN budget_operation o ON o.id = p.operation_id "
            + "WHERE o.account = ? AND o.partition_name = ? "
            + "ON DUPLICATE KEY UPDATE limit_amount = VALUES(limit_amount)")) {
      st.setString(1, account);
      st.setString(2, partition);
      st.setBigDecimal(3, limit);
      st.setString(4, account);
      st.setString(5, partition);
      st.executeUpdate();
    }
  }

  static Optional<BudgetAccount> read(Connection c, String account) throws SQLException {
    Map<String, BigDecimal> partitions = new LinkedHashMap<>();
    try (PreparedStatement st = c.prepareStatement(
        "SELECT partition_name, limit_amount FROM budget_partition_limit WHERE account = ? ORDER BY partition_name")) {
      st.setString(1, account);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          partitions.put(rs.getString(1), rs.getBigDecimal(2));
        }
      }
    }
    try (PreparedStatement st = c.prepareStatement("SELECT * FROM budget_account WHERE account = ?")) {
      st.setString(1, account);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        BudgetAccount.Grant grant = rs.getString("grant_number") == null ? null : new BudgetAccount.Grant(
            rs.getString("grant_number"), rs.getString("funding_agency"), rs.getString("principal_investigator"),
            localDate(rs.getDate("grant_start")), localDate(rs.getDate("grant_end")),
            rs.getBigDecimal("award_amount"), rs.getBigDecimal("indirect_rate"));
        return Optional.of(new BudgetAccount(account, rs.getString("name"), rs.getString("description"),
            rs.getString("status"), instant(rs.getTimestamp("period_start")), instant(rs.getTimestamp("period_end")),
            rs.getBigDecimal("limit_amount"), rs.getBigDecimal("used_amount"), rs.getBigDecimal("held_amount"),
            grant, Map.copyOf(partitions), instant(rs.getTimestamp("created_at"))));
      }
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static LocalDate localDate(Date d) {
    return d == null ? null : d.toLocalDate();
  }
}
