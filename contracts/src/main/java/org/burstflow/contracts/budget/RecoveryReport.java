package org.burstflow.contracts.budget;

import java.util.List;

/**
 * One recovery pass. {@code stillOpen}: old holds left alone because their job is still
 * pending/running, or unknown to sacct but not yet for long enough. {@code errors}: holds that
 * could not be settled (e.g. no price for their partition), with why.
 */
public record RecoveryReport(
    List<RecoveredHold> reconciled, List<RecoveredHold> released, int stillOpen, List<String> errors) {

  public RecoveryReport {
    reconciled = List.copyOf(reconciled);
    released = List.copyOf(released);
    errors = List.copyOf(errors);
  }
}
