package org.burstflow.workflows.release;

import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.burstflow.contracts.cloud.CloudNodeActivities;
import org.burstflow.contracts.cloud.TerminateRequest;
import org.burstflow.contracts.cloud.TerminationResult;
import org.burstflow.contracts.release.NodeReleaseRequest;
import org.burstflow.contracts.release.NodeReleaseResult;
import org.burstflow.contracts.release.NodeReleaseWorkflow;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.workflows.common.ActivityPolicies;
import org.slf4j.Logger;

/**
 * Terminates the instances behind powered-down nodes, then points the nodes' addresses back at
 * their names. Termination is retried until EC2 accepts it: an instance left running is money
 * lost, so there is no attempt limit. The job's placement group goes with its last instance.
 */
public class NodeReleaseWorkflowImpl implements NodeReleaseWorkflow {

  private static final Logger log = Workflow.getLogger(NodeReleaseWorkflowImpl.class);

  private final CloudNodeActivities cloud =
      Workflow.newActivityStub(CloudNodeActivities.class, ActivityPolicies.coreUntilDone(Duration.ofMinutes(2)));

  private final SlurmActivities slurm =
      Workflow.newActivityStub(SlurmActivities.class, ActivityPolicies.slurmUntilDone(Duration.ofMinutes(1)));

  @Override
  public NodeReleaseResult release(NodeReleaseRequest request) {
    TerminationResult result =
        cloud.terminateNodes(
            new TerminateRequest(request.cluster(), request.nodes(), request.requestedAt()));
    slurm.resetNodeAddresses(request.nodes());
    log.info(
        "{} of {} {}: terminated {}",
        request.reason(),
        request.cluster(),
        request.nodes(),
        result.instanceIds());
    return new NodeReleaseResult(result.instanceIds());
  }
}
