package org.burstflow.workflows.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.burstflow.contracts.TaskQueues;

/** Activity options shared by the workflows. */
public final class ActivityPolicies {

  /**
   * Retried with backoff until it succeeds: for cleanup and observation, where giving up would
   * leave an instance running (money lost) or a decision unmade.
   */
  public static RetryOptions untilDone() {
    return RetryOptions.newBuilder()
        .setInitialInterval(Duration.ofSeconds(1))
        .setMaximumInterval(Duration.ofMinutes(1))
        .build();
  }

  /** On the core queue (EC2, ledger, reports), retried until done. */
  public static ActivityOptions coreUntilDone(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.CORE)
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(untilDone())
        .build();
  }

  /** On the Slurm queue (where scontrol and sacct are), retried until done. */
  public static ActivityOptions slurmUntilDone(Duration startToClose) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(TaskQueues.SLURM)
        .setStartToCloseTimeout(startToClose)
        .setRetryOptions(untilDone())
        .build();
  }

  private ActivityPolicies() {}
}
