package org.burstflow.contracts.report;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One per user and cluster ({@link #workflowId}): collects the user's finished reports, waits
 * for the user's window, and sends them as one e-mail. Started by signal-with-start from the
 * job lifecycle's reporting step; ends when nothing is pending.
 */
@WorkflowInterface
public interface ReportDigestWorkflow {

  static String workflowId(String cluster, String user) {
    return "report-digest-" + cluster + "-" + user;
  }

  @WorkflowMethod
  void run(DigestState state);

  /** A report of this user's job is stored and waits to be e-mailed; a repeat is ignored. */
  @SignalMethod
  void reportReady(long jobId);

  @QueryMethod
  DigestStatus status();
}
