package org.burstflow.workflows.report;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.burstflow.contracts.JobKey;
import org.burstflow.contracts.report.DeliveryRouting;
import org.burstflow.contracts.report.ReportDeliveryActivities;
import org.burstflow.workflows.common.ActivityFailures;
import org.slf4j.Logger;

/**
 * The job lifecycle's last step: hand the stored report to delivery. Called from workflow code;
 * a failure to queue leaves the report stored and says why rather than failing the job's workflow.
 */
public final class ReportRouting {

  private static final Logger log = Workflow.getLogger(ReportRouting.class);

  private ReportRouting() {}

  public static DeliveryRouting queue(JobKey job) {
    ReportDeliveryActivities delivery =
        Workflow.newActivityStub(ReportDeliveryActivities.class, ReportDeliveryOptions.CORE);
    try {
      return delivery.queueForDelivery(job);
    } catch (ActivityFailure e) {
      String detail = "report not queued for e-mail: " + ActivityFailures.messageOf(e);
      log.error("{}: {}", job, detail);
      return new DeliveryRouting(false, null, detail);
    }
  }
}
