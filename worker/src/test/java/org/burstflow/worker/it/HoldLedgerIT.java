package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.InsufficientBudgetException;
import org.burstflow.activities.budget.LedgerBalance;
import org.burstflow.activities.budget.OpenHolds;
import org.burstflow.activities.budget.UnknownHoldException;
import org.burstflow.activities.budget.UnknownAccountException;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileResult;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger against real MariaDB, migrated by the product's own Flyway scripts. */
class HoldLedgerIT {

  private static MysqlDataSource dataSource;
  private static HoldLedger ledger;
  /** A cluster name of its own per run, so runs never see each other's jobs. */
  private final String cluster = "it" + UUID.randomUUID().toString().substring(0, 8);
  private final String account = "acct-" + cluster;

  @BeforeAll
  static void migrate() {
    dataSource = new MysqlDataSource();
    dataSource.setURL("jdbc:mysql://127.0.0.1:3306/burstflow?sslMode=DISABLED");
    dataSource.setUser("burstflow");
    dataSource.setPassword("burstflow");
    Flyway.configure().dataSource(dataSource).load().migrate();
    ledger = new HoldLedger(dataSource);
  }

  @Test
  void concurrentHoldsOnOneAccountNeverOvercommit() throws Exception {
    ledger.ensureAccount(account, new BigDecimal("10.0000"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HoldResult>> holds = new ArrayList<>();
    for (int job = 1; job <= 20; job++) {
      JobKey key = new JobKey(cluster, job);
      holds.add(pool.submit(() -> ledger.hold(key, account, new BigDecimal("1.0000"), new BigDecimal("1.2"))));
    }
    int granted = 0;
    int refused = 0;
    for (Future<HoldResult> f : holds) {
      try {
        f.get();
        granted++;
      } catch (java.util.concurrent.ExecutionException e) {
        assertTrue(e.getCause() instanceof InsufficientBudgetException, e.getCause().toString());
        refused++;
      }
    }
    pool.shutdown();

    assertEquals(8, granted, "10.00 covers exactly eight holds of 1.20");
    assertEquals(12, refused);
    LedgerBalance balance = ledger.balance(account);
    assertEquals(new BigDecimal("9.6000"), balance.held());
    assertEquals(new BigDecimal("0.4000"), balance.available());
    assertEquals(8, entries("HOLD"), "a refused hold writes nothing");
  }

  @Test
  void aTopUpForARelaunchIsSettledWithTheJobsFirstHold() {
    ledger.ensureAccount(account, new BigDecimal("100.0000"));
    JobKey job = new JobKey(cluster, 7);
    ledger.hold(job, account, new BigDecimal("1.0000"), new BigDecimal("1.2"));
    HoldResult topUp = ledger.topUp(job, 2, new BigDecimal("0.5000"), "attempt 1 spent 0.5 before an interruption");
    HoldResult again = ledger.topUp(job, 2, new BigDecimal("0.5000"), "retried");
    assertEquals(topUp.transactionId(), again.transactionId());
    assertEquals(new BigDecimal("1.7000"), ledger.balance(account).held(), "a retried top-up holds nothing more");
    // recovery never settles a top-up on its own: it goes with the first hold
    assertEquals(List.of("hold:" + cluster + ":7:1"),
        new OpenHolds(dataSource).of(cluster, java.time.Instant.now().plusSeconds(60)).stream()
            .map(op -> op.transactionId()).toList());

    // 1.50 is more than the first hold (1.20) but within what the job held with its top-up
    ReconcileResult reconciled = ledger.reconcile(job, new BigDecimal("1.5000"), "{}");
    assertFalse(reconciled.overrun());
    ledger.reconcile(job, new BigDecimal("1.5000"), "{}");
    LedgerBalance balance = ledger.balance(account);
    assertEquals(new BigDecimal("0.0000"), balance.held());
    assertEquals(new BigDecimal("1.5000"), balance.used());
    assertEquals(2, entries("RELEASE") + entries("RECONCILE"), "one reconciliation, one release of the top-up");
  }

  @Test
  void releasingAJobReleasesItsTopUpsToo() {
    ledger.ensureAccount(account, new BigDecimal("100.0000"));
    JobKey job = new JobKey(cluster, 8);
    ledger.hold(job, account, new BigDecimal("1.0000"), new BigDecimal("1.2"));
    ledger.topUp(job, 2, new BigDecimal("0.3000"), "interrupted");
    ledger.release(job);
    assertEquals(new BigDecimal("0.0000"), ledger.balance(account).held());
    assertThrows(UnknownHoldException.class,
        () -> ledger.topUp(new JobKey(cluster, 9), 2, BigDecimal.ONE, "no first hold"));
  }

  @Test
  void holdAndReconcileAreIdempotentPerJob() {
    ledger.ensureAccount(account, new BigDecimal("100.0000"));
    JobKey job = new JobKey(cluster, 7);

    HoldResult first = ledger.hold(job, account, new BigDecimal("2.5000"), new BigDecimal("1.2"));
    HoldResult again = ledger.hold(job, account, new BigDecimal("9.9999"), new BigDecimal("1.2"));
    assertEquals(first, again);
    assertEquals(new BigDecimal("3.0000"), first.held());

    ReconcileResult charged = ledger.reconcile(job, new BigDecimal("1.2345"), "{}");
    ReconcileResult repeated = ledger.reconcile(job, new BigDecimal("5.0000"), "{\"other\":1}");
    assertEquals(charged, repeated, "a second reconcile returns the first result");
    assertEquals(new BigDecimal("1.2345"), charged.charged());
    assertEquals(new BigDecimal("3.0000"), charged.released());
    assertEquals(new BigDecimal("-1.2655"), charged.variance());
    assertEquals(1, entries("RECONCILE"), "charge and release are one operation");
    assertEquals(0, entries("RELEASE"));

    LedgerBalance balance = ledger.balance(account);
    assertEquals(new BigDecimal("0.0000"), balance.held());
    assertEquals(new BigDecimal("1.2345"), balance.used());
    assertEquals(new BigDecimal("98.7655"), balance.available());
  }

  @Test
  void anOverrunIsChargedInFull() {
    ledger.ensureAccount(account, new BigDecimal("100.0000"));
    JobKey job = new JobKey(cluster, 8);
    ledger.hold(job, account, new BigDecimal("1.0000"), new BigDecimal("1.2"));
    ReconcileResult result = ledger.reconcile(job, new BigDecimal("4.0000"), "{}");
    assertEquals(new BigDecimal("4.0000"), result.charged());
    assertEquals(new BigDecimal("1.2000"), result.released());
    assertEquals(new BigDecimal("4.0000"), ledger.balance(account).used());
  }

  @Test
  void unknownAccountsAreRefusedAndReleaseIsHarmlessWithoutAHold() {
    assertThrows(UnknownAccountException.class,
        () -> ledger.hold(new JobKey(cluster, 9), "no-such-" + cluster, BigDecimal.ONE, BigDecimal.ONE));
    ledger.release(new JobKey(cluster, 10));
    assertEquals(0, entries("RELEASE"));
  }

  private int entries(String kind) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement st = c.prepareStatement(
            "SELECT COUNT(*) FROM budget_operation WHERE cluster = ? AND kind = ?")) {
      st.setString(1, cluster);
      st.setString(2, kind);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
