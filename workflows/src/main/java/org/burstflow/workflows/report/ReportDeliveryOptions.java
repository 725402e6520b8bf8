package org.burstflow.workflows.report;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import org.burstflow.contracts.FailureTypes;
import org.burstflow.contracts.TaskQueues;

/** Timeouts and retries of the report delivery activities. */
final class ReportDeliveryOptions {

  /** Database and Temporal calls: retried until they succeed. */
  static final ActivityOptions CORE =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.CORE)
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  /**
   * SMTP may be down for a while: ten tries over about twenty minutes, then the reports are
   * marked failed (they stay in the portal) and the workflow's status says so.
   */
  static final ActivityOptions MAIL =
      ActivityOptions.newBuilder()
          .setTaskQueue(TaskQueues.CORE)
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .setMaximumAttempts(10)
                  .setDoNotRetry(FailureTypes.BAD_INPUT)
                  .build())
          .build();

  private ReportDeliveryOptions() {}
}
