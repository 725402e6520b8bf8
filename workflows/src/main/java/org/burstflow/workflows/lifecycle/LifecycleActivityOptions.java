package org.burstflow.workflows.lifecycle;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import java.util.Map;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.TaskQueues;

/** Timeouts and retry policies of the lifecycle's activities, kept in one place. */
final class LifecycleActivityOptions {

  /** scontrol calls: quick, retried until Slurm answers (slurmctld may be restarting). */
  static final ActivityOptions SLURM =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SLURM)
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /**
   * sacct lags behind the epilog (slurmdbd writes asynchronously): the activity fails with
   * AccountingNotSettled and this policy does the polling, for up to an hour.
   */
  static final ActivityOptions SACCT =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SLURM)
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofHours(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(1.5)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /** Ledger and report activities on the core queue: retried until they succeed. */
  static final ActivityOptions CORE =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.CORE)
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(FailureTypes.INSUFFICIENT_BUDGET, FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /** The analysis reads spooled GPU samples: it may take a while, and is not worth a loop. */
  static final ActivityOptions ANALYSIS =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.CORE)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(3)
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /** SMTP may be down for a while; after ten tries the report stays stored and we say so. */
  static final ActivityOptions MAIL =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.CORE)
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /**
   * The performance export (file and AdminComment on the Slurm host): a few tries within ten
   * minutes, then the lifecycle notes the failure and sends the report anyway. A directory that
   * cannot be made is BadInput and not retried.
   */
  static final ActivityOptions EXPORT =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.SLURM)
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setMaximumAttempts(8)
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /** Per-method overrides for the Slurm stub (activity type names carry the interface prefix). */
  static final Map<String, ActivityOptions> SLURM_OVERRIDES = Map.of("Slurm_ReadAccounting", SACCT);

  private LifecycleActivityOptions() {}
}
