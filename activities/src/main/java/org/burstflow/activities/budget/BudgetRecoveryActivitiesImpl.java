package org.burstflow.activities.budget;

import org.burstflow.contracts.budget.BudgetRecoveryActivities;
import org.burstflow.contracts.budget.RecoveryReport;

/** Activity adapter over {@link BudgetRecovery}. */
public class BudgetRecoveryActivitiesImpl implements BudgetRecoveryActivities {

  private final BudgetRecovery recovery;

  public BudgetRecoveryActivitiesImpl(BudgetRecovery recovery) {
    this.recovery = recovery;
  }

  @Override
  public RecoveryReport recoverOrphanedHolds() {
    return recovery.recover();
  }
}
