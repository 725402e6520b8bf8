package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.burstflow.activities.budget.AccountChanges;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.BudgetActivitiesImpl;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.HoldOrder;
import org.burstflow.activities.budget.InsufficientBudgetException;
import org.burstflow.activities.budget.InsufficientBudgetException.Reason;
import org.burstflow.activities.budget.LedgerAudit;
import org.burstflow.activities.budget.LedgerBalance;
import org.burstflow.activities.budget.Operation;
import org.burstflow.activities.budget.PartitionPricing;
import org.burstflow.activities.budget.PartitionRate;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileRequest;
import org.burstflow.contracts.budget.ReconcileResult;
import org.burstflow.contracts.slurm.JobAccounting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each ledger operation's effect on the balances, and idempotency under repeats and races. */
class LedgerOperationsIT {

  private static final BigDecimal BUFFER = new BigDecimal("1.2");
  private final DataSource db = LedgerDatabase.migrated();
  private final HoldLedger ledger = new HoldLedger(db);
  private final BudgetAccounts accounts = new BudgetAccounts(db);
  private final LedgerAudit audit = new LedgerAudit(db);
  private final String cluster = LedgerDatabase.uniqueName("op");
  private final String account = "acct-" + cluster;

  @AfterEach
  void journalAgreesWithBalances() {
    assertEquals(List.of(), audit.problems(account, ledger.balance(account)));
    assertEquals(List.of(), audit.unbalancedOperations(account));
  }

  private void create(String limit, Map<String, BigDecimal> partitionLimits) {
    accounts.create(account, new AccountChanges("IT", null, null, null, null, new BigDecimal(limit), null,
        partitionLimits));
  }

  private void assertBalance(String limit, String used, String held, String available) {
    LedgerBalance b = ledger.balance(account);
    assertEquals(new BigDecimal(limit), b.limit(), "limit");
    assertEquals(new BigDecimal(used), b.used(), "used");
    assertEquals(new BigDecimal(held), b.held(), "held");
    assertEquals(new BigDecimal(available), b.available(), "available");
  }

  private HoldResult hold(long job, String estimate) {
    return ledger.hold(HoldOrder.forJob(new JobKey(cluster, job), 1, account, "cloud", new BigDecimal(estimate), BUFFER));
  }

  @Test
  void everyOperationMovesTheBalancesItShould() {
    create("100", null);
    assertBalance("100.0000", "0.0000", "0.0000", "100.0000");

    HoldResult hold = hold(1, "10");
    assertEquals("hold:" + cluster + ":1:1", hold.transactionId());
    assertBalance("100.0000", "0.0000", "12.0000", "88.0000");

    ReconcileResult under = ledger.reconcile(hold.transactionId(), new BigDecimal("7.5"), "{}");
    assertEquals(new BigDecimal("12.0000"), under.released());
    assertEquals(new BigDecimal("-2.5000"), under.variance());
    assertEquals(new BigDecimal("0.7500"), under.estimationAccuracy());
    assertFalse(under.overrun());
    assertBalance("100.0000", "7.5000", "0.0000", "92.5000");

    HoldResult second = hold(2, "5");
    ReconcileResult over = ledger.reconcile(second.transactionId(), new BigDecimal("9"), "{}");
    assertTrue(over.overrun(), "9 > hold of 6 is an overrun");
    assertEquals(1, LedgerDatabase.count(
        "SELECT COUNT(*) FROM budget_alert WHERE account = ? AND alert_type = 'job_overrun'", account));
    assertBalance("100.0000", "16.5000", "0.0000", "83.5000");

    HoldResult third = hold(3, "20");
    assertBalance("100.0000", "16.5000", "24.0000", "59.5000");
    assertTrue(ledger.release(third.transactionId(), "cancelled before start"));
    assertFalse(ledger.release(third.transactionId(), "again"), "a second release writes nothing");
    assertBalance("100.0000", "16.5000", "0.0000", "83.5000");

    Operation refund = ledger.refund(under.transactionId(), new BigDecimal("2.5"), "billing correction");
    assertEquals(refund, ledger.refund(under.transactionId(), new BigDecimal("2.5"), "again"));
    assertBalance("100.0000", "14.0000", "0.0000", "86.0000");

    accounts.update(account, new AccountChanges(null, null, null, null, null, new BigDecimal("150"), null, null));
    assertBalance("150.0000", "14.0000", "0.0000", "136.0000");
  }

  @Test
  void refusalsWriteNothing() {
    create("10", Map.of("cloud", new BigDecimal("5")));
    InsufficientBudgetException partition = assertThrows(InsufficientBudgetException.class, () -> hold(1, "5"));
    assertEquals(Reason.PARTITION_LIMIT_EXCEEDED, partition.reason());
    InsufficientBudgetException budget = assertThrows(InsufficientBudgetException.class,
        () -> ledger.hold(HoldOrder.forJob(new JobKey(cluster, 2), 1, account, "other", new BigDecimal("9"), BUFFER)));
    assertEquals(Reason.INSUFFICIENT_BUDGET, budget.reason());
    hold(3, "4"); // 4.8 of the partition's 5
    assertEquals(Reason.PARTITION_LIMIT_EXCEEDED,
        assertThrows(InsufficientBudgetException.class, () -> hold(4, "0.2")).reason());

    accounts.update(account, new AccountChanges(null, null, "suspended", null, null, null, null, null));
    assertEquals(Reason.ACCOUNT_INACTIVE, assertThrows(InsufficientBudgetException.class, () -> hold(5, "0.1")).reason());
    accounts.update(account, new AccountChanges(null, null, "active", Instant.now().minus(Duration.ofDays(30)),
        Instant.now().minus(Duration.ofDays(1)), null, null, null));
    assertEquals(Reason.ACCOUNT_EXPIRED, assertThrows(InsufficientBudgetException.class, () -> hold(6, "0.1")).reason());
    assertEquals(1, LedgerDatabase.count("SELECT COUNT(*) FROM budget_operation WHERE account = ? AND kind = 'HOLD'", account));
    assertBalance("10.0000", "0.0000", "4.8000", "5.2000");
  }

  @Test
  void aJobThatNeverStartedIsReleasedWithNoCharge() {
    create("100", null);
    BudgetActivitiesImpl activities = new BudgetActivitiesImpl(ledger,
        new PartitionPricing(Map.of("cloud", new PartitionRate.Burst("c5.large", new BigDecimal("0.085")))),
        BUFFER, Duration.ofHours(24));
    JobKey job = new JobKey(cluster, 9);
    ledger.hold(job, account, new BigDecimal("3"), BUFFER);
    JobAccounting cancelled = new JobAccounting(9, "j", "u", account, "cloud", "CANCELLED", "0:0", null,
        Instant.now(), Duration.ZERO, Duration.ofHours(1), 0, 0, "None", null, null, null, null, null);
    ReconcileResult result = activities.reconcile(new ReconcileRequest(job, cancelled, null));
    assertEquals(new BigDecimal("0.0000"), result.charged());
    assertEquals(new BigDecimal("3.6000"), result.released());
    assertBalance("100.0000", "0.0000", "0.0000", "100.0000");
  }

  @Test
  void repeatedAndConcurrentCallsWriteOnce() throws Exception {
    create("1000", null);
    List<HoldResult> holds = race(16, () -> hold(1, "10"));
    assertEquals(1, new HashSet<>(holds).size(), "every caller gets the one hold");
    assertEquals(1, LedgerDatabase.count("SELECT COUNT(*) FROM budget_operation WHERE account = ? AND kind = 'HOLD'", account));

    List<ReconcileResult> results = race(16, () -> ledger.reconcile(holds.get(0).transactionId(), new BigDecimal("4"), "{}"));
    assertEquals(1, new HashSet<>(results).size(), "every caller gets the first result");
    assertEquals(1, LedgerDatabase.count("SELECT COUNT(*) FROM budget_operation WHERE account = ? AND kind = 'RECONCILE'", account));
    assertEquals(results.get(0), ledger.reconcile(holds.get(0).transactionId(), new BigDecimal("99"), "{\"late\":1}"));

    List<Boolean> releases = race(16, () -> ledger.release(holds.get(0).transactionId(), "late"));
    assertFalse(releases.contains(true), "a reconciled hold is not released again");
    assertBalance("1000.0000", "4.0000", "0.0000", "996.0000");
  }

  @Test
  void anApiHoldWithoutJobIsNotIdempotentButSettlesOnce() {
    create("100", null);
    HoldResult a = ledger.hold(HoldOrder.withoutJob(account, null, new BigDecimal("1"), BUFFER));
    HoldResult b = ledger.hold(HoldOrder.withoutJob(account, null, new BigDecimal("1"), BUFFER));
    assertFalse(a.transactionId().equals(b.transactionId()));
    ReconcileResult r = ledger.reconcile(a.transactionId(), new BigDecimal("1"), null);
    assertEquals(r, ledger.reconcile(a.transactionId(), new BigDecimal("1"), null));
    assertNull(r.breakdown());
    assertBalance("100.0000", "1.0000", "1.2000", "97.8000");
  }

  private static <T> List<T> race(int callers, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    List<T> out = new ArrayList<>();
    for (Future<T> f : futures) {
      out.add(f.get());
    }
    pool.shutdown();
    return out;
  }
}
