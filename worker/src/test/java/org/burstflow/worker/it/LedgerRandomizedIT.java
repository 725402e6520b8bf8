package org.burstflow.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.burstflow.activities.budget.AccountChanges;
import org.burstflow.activities.budget.BudgetAccounts;
import org.burstflow.activities.budget.HoldLedger;
import org.burstflow.activities.budget.HoldOrder;
import org.burstflow.activities.budget.InsufficientBudgetException;
import org.burstflow.activities.budget.LedgerAudit;
import org.burstflow.activities.budget.LedgerBalance;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileResult;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random operations (holds, repeated holds, reconciliations including overruns and
 * repeats, releases, refunds, limit raises, and bursts of racing holds) against a model of what
 * each account should hold. After every step: the account's balances equal the model, the
 * account row equals its journal, every operation balances, and no hold ever took an account
 * below zero. Size: {@code -Dledger.random.steps} (default 3000); seed printed, {@code
 * -Dledger.random.seed} replays a run.
 */
class LedgerRandomizedIT {

  private static final BigDecimal BUFFER = new BigDecimal("1.2");
  private static final int SCALE = 4;

  private final DataSource db = LedgerDatabase.migrated();
  private final HoldLedger ledger = new HoldLedger(db);
  private final LedgerAudit audit = new LedgerAudit(db);
  private final String cluster = LedgerDatabase.uniqueName("rnd");

  /** What the test believes an account holds. */
  private static final class Model {
    BigDecimal limit;
    BigDecimal used = money(0);
    BigDecimal held = money(0);
    boolean overrun;

    BigDecimal available() {
      return limit.subtract(used).subtract(held);
    }
  }

  /** A hold the test placed, and how it was settled. */
  private record Hold(String account, HoldResult result) {}

  private final Map<String, Model> models = new HashMap<>();
  private final List<Hold> open = new ArrayList<>();
  private final List<Hold> released = new ArrayList<>();
  private final Map<String, ReconcileResult> reconciled = new HashMap<>();
  private final Map<String, String> reconcileAccount = new HashMap<>();
  private final List<String> refundable = new ArrayList<>();
  private long nextJob = 1;
  private final Map<String, Integer> counts = new java.util.TreeMap<>();
  private Random random;

  @Test
  void balancesAlwaysEqualTheJournalAndNothingIsOvercommitted() throws Exception {
    int steps = Integer.getInteger("ledger.random.steps", 3000);
    long seed = Long.getLong("ledger.random.seed", System.nanoTime());
    System.out.println("LedgerRandomizedIT: " + steps + " steps, seed " + seed);
    random = new Random(seed);
    BudgetAccounts accounts = new BudgetAccounts(db);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String name = "r" + i + "-" + cluster;
      Model m = new Model();
      m.limit = money(200 + random.nextInt(1800));
      accounts.create(name, new AccountChanges(null, null, null, null, null, m.limit, null, null));
      models.put(name, m);
      names.add(name);
    }
    int refused = 0;
    for (int step = 0; step < steps; step++) {
      String account = names.get(random.nextInt(names.size()));
      int dice = random.nextInt(100);
      String what;
      try {
        if (dice < 40) {
          what = "hold";
          refused += hold(account) ? 0 : 1;
        } else if (dice < 45 && !open.isEmpty()) {
          what = "repeated hold";
          repeatHold();
        } else if (dice < 70 && !(open.isEmpty() && released.isEmpty())) {
          what = "reconcile";
          account = reconcile();
        } else if (dice < 82 && !open.isEmpty()) {
          what = "release";
          account = release();
        } else if (dice < 88 && !refundable.isEmpty()) {
          what = "refund";
          account = refund();
        } else if (dice < 92) {
          what = "raise limit";
          raise(accounts, account);
        } else {
          what = "racing holds";
          refused += racingHolds(account);
        }
        counts.merge(what, 1, Integer::sum);
        check(account, step, what, seed);
      } catch (AssertionError e) {
        throw new AssertionError("step " + step + ", seed " + seed + ": " + e.getMessage(), e);
      }
    }
    for (String name : names) {
      check(name, steps, "final", seed);
    }
    System.out.println("LedgerRandomizedIT: steps by kind " + counts + "; " + nextJob + " holds attempted, "
        + refused + " refused, " + reconciled.size() + " reconciled");
    assertTrue(refused > 0, "the run should reach the limits at least once");
  }

  private boolean hold(String account) {
    Model m = models.get(account);
    BigDecimal estimate = randomMoney(30);
    BigDecimal amount = estimate.multiply(BUFFER).setScale(SCALE, RoundingMode.HALF_UP);
    boolean fits = amount.compareTo(m.available()) <= 0;
    try {
      HoldResult r = ledger.hold(HoldOrder.forJob(new JobKey(cluster, nextJob++), 1, account, "cloud", estimate, BUFFER));
      assertTrue(fits, "hold of " + amount + " granted with only " + m.available() + " available");
      m.held = m.held.add(r.held());
      open.add(new Hold(account, r));
      return true;
    } catch (InsufficientBudgetException e) {
      assertTrue(!fits, "hold of " + amount + " refused with " + m.available() + " available");
      return false;
    }
  }

  private void repeatHold() {
    Hold h = open.get(random.nextInt(open.size()));
    JobKey job = new JobKey(cluster, Long.parseLong(h.result().transactionId().split(":")[2]));
    HoldResult again = ledger.hold(HoldOrder.forJob(job, 1, h.account(), "cloud", randomMoney(30), BUFFER));
    assertEquals(h.result(), again, "a repeated hold returns the first");
  }

  private String reconcile() {
    boolean fromReleased = open.isEmpty() || (!released.isEmpty() && random.nextInt(10) == 0);
    Hold h = fromReleased ? released.remove(random.nextInt(released.size())) : open.remove(random.nextInt(open.size()));
    Model m = models.get(h.account());
    BigDecimal actual = h.result().held().multiply(BigDecimal.valueOf(random.nextInt(150)))
        .divide(BigDecimal.valueOf(100), SCALE, RoundingMode.HALF_UP);
    ReconcileResult r = ledger.reconcile(h.result().transactionId(), actual, "{}");
    BigDecimal toRelease = fromReleased ? money(0) : h.result().held();
    assertEquals(actual, r.charged());
    assertEquals(toRelease, r.released());
    assertEquals(actual.compareTo(toRelease) > 0, r.overrun());
    m.held = m.held.subtract(toRelease);
    m.used = m.used.add(actual);
    m.overrun |= r.overrun();
    assertEquals(r, ledger.reconcile(h.result().transactionId(), randomMoney(5), "{}"), "a repeat changes nothing");
    reconciled.put(r.transactionId(), r);
    reconcileAccount.put(r.transactionId(), h.account());
    if (actual.signum() > 0) {
      refundable.add(r.transactionId());
    }
    return h.account();
  }

  private String release() {
    Hold h = open.remove(random.nextInt(open.size()));
    assertTrue(ledger.release(h.result().transactionId(), "random release"));
    assertTrue(!ledger.release(h.result().transactionId(), "again"));
    models.get(h.account()).held = models.get(h.account()).held.subtract(h.result().held());
    released.add(h);
    return h.account();
  }

  private String refund() {
    String txn = refundable.remove(random.nextInt(refundable.size()));
    BigDecimal charged = reconciled.get(txn).charged();
    BigDecimal amount = charged.multiply(BigDecimal.valueOf(1 + random.nextInt(100)))
        .divide(BigDecimal.valueOf(100), SCALE, RoundingMode.HALF_UP).max(money(0.0001)).min(charged);
    ledger.refund(txn, amount, "random refund");
    String account = reconcileAccount.get(txn);
    models.get(account).used = models.get(account).used.subtract(amount);
    return account;
  }

  private void raise(BudgetAccounts accounts, String account) {
    Model m = models.get(account);
    m.limit = m.limit.add(randomMoney(40));
    accounts.update(account, new AccountChanges(null, null, null, null, null, m.limit, null, null));
  }

  /** Eight holds on one account at once; however they interleave, the account stays ≥ 0. */
  private int racingHolds(String account) throws Exception {
    Model m = models.get(account);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HoldResult>> futures = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      JobKey job = new JobKey(cluster, nextJob++);
      BigDecimal estimate = randomMoney(40);
      futures.add(pool.submit(() -> ledger.hold(HoldOrder.forJob(job, 1, account, "cloud", estimate, BUFFER))));
    }
    int refused = 0;
    for (Future<HoldResult> f : futures) {
      try {
        HoldResult r = f.get();
        m.held = m.held.add(r.held());
        open.add(new Hold(account, r));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof InsufficientBudgetException)) {
          fail(e.getCause());
        }
        refused++;
      }
    }
    pool.shutdown();
    return refused;
  }

  private void check(String account, int step, String what, long seed) {
    Model m = models.get(account);
    LedgerBalance b = ledger.balance(account);
    String where = " after " + what + " on " + account;
    assertEquals(m.limit, b.limit(), "limit" + where);
    assertEquals(m.used, b.used(), "used" + where);
    assertEquals(m.held, b.held(), "held" + where);
    assertEquals(List.of(), audit.problems(account, b), "journal" + where);
    assertEquals(List.of(), audit.unbalancedOperations(account), "balanced" + where);
    assertTrue(m.overrun || b.available().signum() >= 0, "overcommitted" + where + ": " + b);
  }

  private BigDecimal randomMoney(int max) {
    return BigDecimal.valueOf(random.nextInt(max * 10_000) + 1L, SCALE);
  }

  private static BigDecimal money(double v) {
    return BigDecimal.valueOf(v).setScale(SCALE, RoundingMode.HALF_UP);
  }
}
