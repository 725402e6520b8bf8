package org.burstflow.workflows.provisioning;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.burstflow.contracts.TaskQueues;
import org.burstflow.contracts.cloud.LaunchedNodes;
import org.burstflow.contracts.provisioning.ManualPowerUpWorkflow;
import org.burstflow.contracts.provisioning.NodePartitionActivities;
import org.burstflow.contracts.provisioning.NodeProvisioningWorkflow;
import org.burstflow.contracts.provisioning.PowerUpRequest;
import org.burstflow.contracts.provisioning.ProvisioningRequest;
import org.burstflow.contracts.slurm.NodeAddress;
import org.burstflow.contracts.slurm.SlurmActivities;
import org.burstflow.workflows.common.ActivityFailures;
import org.burstflow.workflows.common.ActivityPolicies;
import org.slf4j.Logger;

/**
 * A node an administrator powered up ({@code scontrol update nodename=… state=power_up}) has no
 * job, so nothing to hold budget against: there is no account to charge and no time limit to
 * estimate with, and the instance lives only until Slurm powers the idle node down again
 * (SuspendTime), when the suspend hook releases it like any other. So: the node's partition from
 * Slurm, then the same gang provisioning as a job's nodes (compensation, fail-over), as a child
 * with an id of its own, then the address into Slurm. If every pool fails, the node goes down with
 * the EC2 reason, as a job's would.
 */
public class ManualPowerUpWorkflowImpl implements ManualPowerUpWorkflow {

  private static final Logger log = Workflow.getLogger(ManualPowerUpWorkflowImpl.class);

  private final NodePartitionActivities nodes =
      Workflow.newActivityStub(NodePartitionActivities.class, ActivityPolicies.slurmUntilDone(Duration.ofMinutes(1)));

  private final SlurmActivities slurm =
      Workflow.newActivityStub(SlurmActivities.class, ActivityPolicies.slurmUntilDone(Duration.ofMinutes(1)));

  @Override
  public LaunchedNodes powerUp(PowerUpRequest request) {
    String id = Workflow.getInfo().getWorkflowId();
    List<String> node = List.of(request.node());
    String partition;
    try {
      partition = nodes.partitionOf(request.node());
    } catch (ActivityFailure e) {
      String reason = "(Code:" + ActivityFailures.typeOf(e, "BadInput") + ")" + ActivityFailures.messageOf(e);
      slurm.markNodesDown(node, reason);
      throw e;
    }
    ProvisioningRequest provisioning = new ProvisioningRequest(null, id, 1, partition, node, null, request.cluster());
    NodeProvisioningWorkflow child =
        Workflow.newChildWorkflowStub(
            NodeProvisioningWorkflow.class,
            ChildWorkflowOptions.newBuilder().setWorkflowId("provision-" + id).setTaskQueue(TaskQueues.CORE).build());
    try {
      LaunchedNodes launched = child.provision(provisioning);
      slurm.setNodeAddresses(launched.nodes().stream()
          .map(n -> new NodeAddress(n.node(), n.privateIp(), n.hostname()))
          .toList());
      log.info("{}: {} powered up without a job on {}", id, request.node(), launched.instanceIds());
      return launched;
    } catch (ChildWorkflowFailure e) {
      String reason = reasonOf(e);
      slurm.markNodesDown(node, reason.length() > 250 ? reason.substring(0, 250) : reason);
      log.warn("{}: {} not launched: {}", id, request.node(), reason);
      throw e;
    }
  }

  /**
   * "(Code:…)text" from the innermost application failure: a plan that fails inside the child is
   * wrapped twice (child, then activity).
   */
  private static String reasonOf(Throwable e) {
    ApplicationFailure innermost = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure af) {
        innermost = af;
      }
    }
    if (innermost == null) {
      return "(Code:LaunchFailed)" + e.getMessage();
    }
    String message = innermost.getOriginalMessage();
    return message.startsWith("(Code:") ? message : "(Code:" + innermost.getType() + ")" + message;
  }
}
