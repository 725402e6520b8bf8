package org.burstflow.contracts.report;

import io.temporal.activity.ActivityInterface;
import org.burstflow.contracts.JobKey;

/** Job reports: rendered and stored once, e-mailed once. */
@ActivityInterface(namePrefix = "Report_")
public interface ReportActivities {

  /** Renders the report (plain text and HTML) and stores it; re-rendering replaces it. */
  StoredReport renderAndStore(ReportInput input);

  /**
   * Sends the stored report to its recipient unless it was already sent: a retry after a crash
   * never sends it twice.
   */
  DeliveryResult emailReport(JobKey job);
}
