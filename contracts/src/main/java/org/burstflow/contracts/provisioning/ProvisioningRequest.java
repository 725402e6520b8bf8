package org.burstflow.contracts.provisioning;

import java.util.List;
import org.burstflow.contracts.JobKey;

/**
 * Provision these nodes of a job for one launch attempt (from 1).
 *
 * @param purchasingOverride null to launch as the node groups say; {@code on-demand} after the job
 *     was interrupted on spot too often
 */
public record ProvisioningRequest(
    JobKey job, String lifecycleWorkflowId, int attempt, String partition, List<String> nodes,
    String purchasingOverride) {
  public ProvisioningRequest {
    nodes = List.copyOf(nodes);
  }

  public ProvisioningRequest(
      JobKey job, String lifecycleWorkflowId, int attempt, String partition, List<String> nodes) {
    this(job, lifecycleWorkflowId, attempt, partition, nodes, null);
  }

  /** The job's placement group name: one per job, so every attempt may reuse it. */
  public String placementGroupName() {
    return "burstflow-" + job.cluster() + "-" + job.jobId();
  }
}
