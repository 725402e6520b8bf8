package org.burstflow.contracts.report;

import io.temporal.activity.ActivityInterface;
import org.burstflow.contracts.JobKey;

/** Getting stored reports to their users: routing, digest timing, sending, failure records. */
@ActivityInterface(namePrefix = "ReportDelivery_")
public interface ReportDeliveryActivities {

  /**
   * Decides whether the job's stored report is to be e-mailed (partition, job class, the user's
   * preference) and if so hands it to the user's digest workflow (signal-with-start). Repeatable.
   */
  DeliveryRouting queueForDelivery(JobKey job);

  /** The user's current preference as a schedule. */
  DigestPlan digestPlan(String cluster, String user);

  /**
   * Sends the reports not sent yet as one e-mail (one report: the report itself with its charts;
   * several: a digest), unless the user has opted out since. A retry after a crash never sends a
   * report twice: reports already marked sent are left out.
   */
  DigestResult sendDigest(DigestRequest request);

  /** Marks the reports' delivery as failed, with why, for operators and the portal. */
  void recordDeliveryFailure(DigestRequest request, String error);
}
