package org.burstflow.contracts.budget;

import io.temporal.activity.ActivityInterface;

/**
 * Settles holds the lifecycle never settled (its workflow was terminated, or the ledger was
 * unreachable for longer than its retries). Meant for the orphan sweep; idempotent.
 */
@ActivityInterface(namePrefix = "BudgetRecovery_")
public interface BudgetRecoveryActivities {

  /**
   * Holds older than the grace period whose job has ended per sacct are reconciled from sacct;
   * holds whose job sacct does not know, older than the longer unknown-job period, are released
   * and reported.
   */
  RecoveryReport recoverOrphanedHolds();
}
