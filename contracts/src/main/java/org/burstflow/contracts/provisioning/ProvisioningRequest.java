package org.burstflow.contracts.provisioning;

import java.util.List;
import org.burstflow.contracts.JobKey;

/**
 * Provision these nodes of a job for one launch attempt (from 1). For nodes powered up by hand
 * ({@code scontrol update state=power_up}) there is no job: {@code job} is null, and
 * {@code lifecycleWorkflowId} is the power-up workflow's id, which the instances are tagged with.
 *
 * @param purchasingOverride null to launch as the node groups say; {@code on-demand} after the job
 *     was interrupted on spot too often
 */
public record ProvisioningRequest(
    JobKey job, String lifecycleWorkflowId, int attempt, String partition, List<String> nodes,
    String purchasingOverride, String cluster) {
  public ProvisioningRequest {
    nodes = List.copyOf(nodes);
    if (cluster == null && job != null) {
      cluster = job.cluster(); // requests recorded before the field existed
    }
    java.util.Objects.requireNonNull(cluster, "provisioning needs a job or a cluster");
  }

  /** Provisioning for a job's nodes. */
  public ProvisioningRequest(JobKey job, String lifecycleWorkflowId, int attempt, String partition, List<String> nodes) {
    this(job, lifecycleWorkflowId, attempt, partition, nodes, null, job.cluster());
  }

  /** The job's placement group name: one per job, so every attempt may reuse it. */
  public String placementGroupName() {
    return "burstflow-" + job.cluster() + "-" + job.jobId();
  }
}
