package org.burstflow.contracts.budget;

import io.temporal.activity.ActivityInterface;
import org.burstflow.contracts.JobKey;

/** The budget ledger. Every operation is idempotent per job. */
@ActivityInterface(namePrefix = "Budget_")
public interface BudgetActivities {

  /**
   * Estimates the job's cost (nodes × time limit × hourly price) and holds it on the account.
   * Throws {@code InsufficientBudget} (nothing written) if the account cannot cover it.
   * A second call for the same job returns the first hold.
   */
  HoldResult placeHold(HoldRequest request);

  /**
   * Charges the actual cost and releases the whole hold, in one transaction. A second call
   * returns the first result and writes nothing.
   */
  ReconcileResult reconcile(ReconcileRequest request);

  /**
   * Tops the job's hold up by what an interrupted attempt spent, before the next attempt runs.
   * Throws {@code InsufficientBudget} (nothing written) if the account cannot cover it; a second
   * call for the same attempt returns the first top-up. Settled with the job's reconciliation.
   */
  HoldResult topUpHold(HoldTopUp request);

  /** Releases the hold with no charge (job cancelled before it ran, or never launched). */
  void releaseHold(JobKey job);
}
