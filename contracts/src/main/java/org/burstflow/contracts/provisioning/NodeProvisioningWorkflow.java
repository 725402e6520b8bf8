package org.burstflow.contracts.provisioning;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.burstflow.contracts.cloud.LaunchedNodes;

/**
 * Gang provisioning of one job's nodes for one attempt: all nodes from one pool or none, failing
 * over across pools. Child of the job's lifecycle, id {@code provision-<cluster>-<jobid>-<attempt>}.
 * Fails with the type of the last decisive error ({@code InsufficientCapacity},
 * {@code QuotaExceeded}, {@code BadInput}) and a message in Slurm's "(Code:…)…" reason form.
 */
@WorkflowInterface
public interface NodeProvisioningWorkflow {
  @WorkflowMethod
  LaunchedNodes provision(ProvisioningRequest request);

  static String workflowId(ProvisioningRequest request) {
    return "provision-" + request.job().cluster() + "-" + request.job().jobId() + "-" + request.attempt();
  }
}
