package org.burstflow.activities.report;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.report.DigestState;
import org.burstflow.contracts.report.ReportDigestWorkflow;

/**
 * Signal-with-start of {@code report-digest-<cluster>-<user>}: starts the user's digest workflow
 * when none runs (the previous one ended when it had nothing left to send), then signals it.
 */
public class TemporalDigestQueue implements DigestQueue {

  private final WorkflowClient client;

  public TemporalDigestQueue(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public String enqueue(String cluster, String user, long jobId) {
    String id = ReportDigestWorkflow.workflowId(cluster, user);
    ReportDigestWorkflow wf = client.newWorkflowStub(ReportDigestWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(TaskQueues.CORE).build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(wf::run, DigestState.first(cluster, user));
    request.add(wf::reportReady, jobId);
    client.signalWithStart(request);
    return id;
  }
}
