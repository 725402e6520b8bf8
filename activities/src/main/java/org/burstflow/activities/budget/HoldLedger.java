package org.burstflow.activities.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.budget.HoldResult;
import org.burstflow.contracts.budget.ReconcileResult;

/**
 * Holds, reconciliations and releases on the double-entry journal. Each runs in one transaction
 * that first locks the account row ({@code SELECT … FOR UPDATE}), so operations on one account
 * are serialised and concurrent holds can never overcommit; each is keyed by an idempotency key,
 * so a repeated call returns the first result and writes nothing.
 */
public class HoldLedger {

  public static final int MONEY_SCALE = CostModel.MONEY_SCALE;
  private static final BigDecimal MIN_ESTIMATE = new BigDecimal("0.01");

  private final LedgerTransactions tx;
  private final BudgetAlerts alerts = new BudgetAlerts();

  public HoldLedger(DataSource dataSource) {
    this.tx = new LedgerTransactions(dataSource);
  }

  /** Creates the account with this limit if it does not exist; never changes an existing one. */
  public void ensureAccount(String account, BigDecimal limit) {
    new BudgetAccounts(tx).ensure(account, limit);
  }

  /** Holds {@code estimate × buffer} for the lifecycle of {@code job} (attempt 1). */
  public HoldResult hold(JobKey job, String account, BigDecimal estimate, BigDecimal buffer) {
    return hold(HoldOrder.forJob(job, LedgerKeys.LIFECYCLE_ATTEMPT, account, null, estimate, buffer));
  }

  /**
   * Holds {@code estimate × buffer}. Returns the existing hold if the key already has one.
   *
   * @throws InsufficientBudgetException if the account is not active, outside its period, or
   *     the hold exceeds what is available on it or on its partition; nothing written
   * @throws UnknownAccountException if the account does not exist
   */
  public HoldResult hold(HoldOrder order) {
    return tx.run(c -> {
      AccountState account = AccountState.lock(c, order.account());
      Optional<Operation> existing = Journal.find(c, order.transactionId());
      if (existing.isPresent()) {
        return holdResult(existing.get());
      }
      BigDecimal held = order.estimate().multiply(order.buffer()).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
      HoldRules.check(c, account, order, held, Instant.now());
      JobKey job = order.job();
      Operation hold = Journal.append(c, new NewOperation(order.transactionId(), order.account(), OperationKind.HOLD,
          job == null ? null : job.cluster(), job == null ? null : job.jobId(), order.attempt(), order.partition(),
          held, order.estimate(), null, false, order.description(), null, Postings.hold(held)));
      return holdResult(hold);
    });
  }

  /**
   * Adds to what a job holds for a later attempt (a relaunch after a spot interruption: the
   * interrupted attempt has spent part of the first hold). Keyed by the attempt, so a retried
   * call writes nothing more; settled together with the job's first hold.
   *
   * @throws UnknownHoldException if the job has no first hold to add to
   * @throws InsufficientBudgetException as for {@link #hold(HoldOrder)}; nothing written
   */
  public HoldResult topUp(JobKey job, int attempt, BigDecimal amount, String why) {
    if (attempt <= LedgerKeys.LIFECYCLE_ATTEMPT) {
      throw new IllegalArgumentException("a top-up is for attempt 2 or later, got " + attempt);
    }
    String first = LedgerKeys.hold(job, LedgerKeys.LIFECYCLE_ATTEMPT);
    Operation hold = tx.run(c -> findHold(c, first));
    return hold(new HoldOrder(LedgerKeys.hold(job, attempt), hold.account(), hold.partition(), job, attempt,
        amount, BigDecimal.ONE, why));
  }

  /** Reconciles the lifecycle hold of {@code job}; see {@link #reconcile(String, BigDecimal, String)}. */
  public ReconcileResult reconcile(JobKey job, BigDecimal actual, String breakdown) {
    return reconcile(LedgerKeys.hold(job, LedgerKeys.LIFECYCLE_ATTEMPT), actual, breakdown);
  }

  /**
   * Charges the actual cost and releases the whole hold, as one balanced operation. A second
   * call returns the first result and writes nothing. An actual above the hold is charged all
   * the same, flagged as an overrun and alerted. If the hold was already released (the job was
   * cancelled, then ran after all), the actual is charged with nothing more to release, and as
   * it exceeds the nothing still held, it is flagged and alerted too.
   *
   * @throws UnknownHoldException if there is no such hold
   */
  public ReconcileResult reconcile(String holdTransactionId, BigDecimal actual, String breakdown) {
    if (actual.signum() < 0) {
      throw new IllegalArgumentException("actual cost must be ≥ 0, got " + actual);
    }
    BigDecimal charged = actual.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    return tx.run(c -> {
      Operation hold = findHold(c, holdTransactionId);
      AccountState.lock(c, hold.account());
      String key = LedgerKeys.settlement(OperationKind.RECONCILE, holdTransactionId);
      Optional<Operation> done = Journal.find(c, key);
      if (done.isPresent()) {
        return reconcileResult(hold, done.get());
      }
      boolean released = Journal.find(c, LedgerKeys.settlement(OperationKind.RELEASE, holdTransactionId)).isPresent();
      BigDecimal toRelease = released ? BigDecimal.ZERO.setScale(MONEY_SCALE) : hold.amount();
      // top-ups placed for later attempts are part of what the job had held
      BigDecimal topUps = releaseTopUps(c, hold, "settled with the reconciliation of " + holdTransactionId);
      boolean overrun = charged.compareTo(toRelease.add(topUps)) > 0;
      Operation op = Journal.append(c, new NewOperation(key, hold.account(), OperationKind.RECONCILE, hold.cluster(),
          hold.jobId(), hold.attempt(), hold.partition(), charged, hold.estimate(), toRelease, overrun,
          "reconciliation of " + holdTransactionId, breakdown, Postings.reconcile(toRelease, charged)));
      if (overrun) {
        alerts.overrun(c, op);
      }
      return reconcileResult(hold, op);
    });
  }

  /**
   * Gives back part or all of a reconciliation's charge (e.g. a billing correction): one refund
   * per reconciliation, idempotent like everything else.
   *
   * @throws IllegalArgumentException if the amount exceeds what was charged
   */
  public Operation refund(String reconcileTransactionId, BigDecimal amount, String why) {
    BigDecimal refund = amount.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    return tx.run(c -> {
      Operation charge = Journal.find(c, reconcileTransactionId)
          .filter(op -> op.kind() == OperationKind.RECONCILE)
          .orElseThrow(() -> new IllegalArgumentException("no reconciliation '" + reconcileTransactionId + "'"));
      AccountState.lock(c, charge.account());
      String key = OperationKind.REFUND.keyPrefix()
          + reconcileTransactionId.substring(OperationKind.RECONCILE.keyPrefix().length());
      Optional<Operation> done = Journal.find(c, key);
      if (done.isPresent()) {
        return done.get();
      }
      if (refund.signum() <= 0 || refund.compareTo(charge.amount()) > 0) {
        throw new IllegalArgumentException("refund must be > 0 and at most the " + charge.amount() + " charged");
      }
      return Journal.append(c, new NewOperation(key, charge.account(), OperationKind.REFUND, charge.cluster(),
          charge.jobId(), charge.attempt(), charge.partition(), refund, null, null, false, why, null,
          Postings.refund(refund)));
    });
  }

  /** Releases the lifecycle hold of {@code job}; harmless if there is none or it was settled. */
  public void release(JobKey job) {
    String key = LedgerKeys.hold(job, LedgerKeys.LIFECYCLE_ATTEMPT);
    tx.run(c -> {
      Optional<Operation> hold = Journal.find(c, key);
      if (hold.isPresent()) {
        releaseHeld(c, hold.get(), "released with no charge");
      }
      return null;
    });
  }

  /**
   * Releases a hold with no charge (a job cancelled before it started, or an orphan). Returns
   * false, writing nothing, if the hold was already reconciled or released.
   */
  public boolean release(String holdTransactionId, String why) {
    return tx.run(c -> releaseHeld(c, findHold(c, holdTransactionId), why));
  }

  /** Releases an orphaned hold and raises an {@code orphan_released} alert on its account. */
  public boolean releaseOrphan(String holdTransactionId, String why) {
    return tx.run(c -> {
      Operation hold = findHold(c, holdTransactionId);
      if (!releaseHeld(c, hold, why)) {
        return false;
      }
      alerts.orphanReleased(c, Journal.find(c, LedgerKeys.settlement(OperationKind.RELEASE, holdTransactionId))
          .orElseThrow(), why);
      return true;
    });
  }

  public LedgerBalance balance(String account) {
    return tx.run(c -> AccountState.lock(c, account).balance());
  }

  /** The hold with this transaction id and how it was settled, if at all. */
  public Optional<Operation> settlementOf(String holdTransactionId) {
    return tx.run(c -> {
      Optional<Operation> r = Journal.find(c, LedgerKeys.settlement(OperationKind.RECONCILE, holdTransactionId));
      return r.isPresent() ? r : Journal.find(c, LedgerKeys.settlement(OperationKind.RELEASE, holdTransactionId));
    });
  }

  private boolean releaseHeld(Connection c, Operation hold, String why) throws SQLException {
    AccountState.lock(c, hold.account());
    String key = LedgerKeys.settlement(OperationKind.RELEASE, hold.transactionId());
    if (Journal.find(c, key).isPresent()
        || Journal.find(c, LedgerKeys.settlement(OperationKind.RECONCILE, hold.transactionId())).isPresent()) {
      return false;
    }
    Journal.append(c, new NewOperation(key, hold.account(), OperationKind.RELEASE, hold.cluster(), hold.jobId(),
        hold.attempt(), hold.partition(), hold.amount(), hold.estimate(), hold.amount(), false, why, null,
        Postings.release(hold.amount())));
    releaseTopUps(c, hold, why);
    return true;
  }

  /**
   * Releases the open top-ups of a job whose first hold is being settled, in the same
   * transaction, and returns what they held. A top-up ({@link #topUp}) never outlives the job's
   * first hold: reconciliation, release and recovery all settle the first hold only.
   */
  private static BigDecimal releaseTopUps(Connection c, Operation first, String why) throws SQLException {
    BigDecimal total = BigDecimal.ZERO.setScale(MONEY_SCALE);
    if (first.jobId() == null || first.attempt() == null || first.attempt() != LedgerKeys.LIFECYCLE_ATTEMPT) {
      return total;
    }
    for (Operation topUp : Journal.openTopUps(c, first.cluster(), first.jobId())) {
      Journal.append(c, new NewOperation(LedgerKeys.settlement(OperationKind.RELEASE, topUp.transactionId()),
          topUp.account(), OperationKind.RELEASE, topUp.cluster(), topUp.jobId(), topUp.attempt(),
          topUp.partition(), topUp.amount(), topUp.estimate(), topUp.amount(), false, why, null,
          Postings.release(topUp.amount())));
      total = total.add(topUp.amount());
    }
    return total;
  }

  private static Operation findHold(Connection c, String holdTransactionId) throws SQLException {
    return Journal.find(c, holdTransactionId)
        .filter(op -> op.kind() == OperationKind.HOLD)
        .orElseThrow(() -> new UnknownHoldException(holdTransactionId));
  }

  private static HoldResult holdResult(Operation hold) {
    return new HoldResult(hold.account(), hold.estimate(), hold.amount(), hold.transactionId());
  }

  private static ReconcileResult reconcileResult(Operation hold, Operation reconcile) {
    BigDecimal estimate = hold.estimate();
    BigDecimal charged = reconcile.amount();
    BigDecimal variance = estimate == null ? null : charged.subtract(estimate);
    return new ReconcileResult(hold.account(), estimate, hold.amount(), charged, reconcile.holdAmount(), variance,
        reconcile.detail(), reconcile.overrun(), accuracy(estimate, variance), reconcile.transactionId());
  }

  /** ASBB's estimation accuracy: 1 − |variance| / max(estimate, 0.01), floored at 0. */
  static BigDecimal accuracy(BigDecimal estimate, BigDecimal variance) {
    if (estimate == null) {
      return null;
    }
    BigDecimal base = estimate.max(MIN_ESTIMATE);
    BigDecimal a = BigDecimal.ONE.subtract(variance.abs().divide(base, MONEY_SCALE, RoundingMode.HALF_UP));
    return a.max(BigDecimal.ZERO.setScale(MONEY_SCALE));
  }
}
