package org.burstflow.contracts.provisioning;

import java.util.List;
import org.burstflow.contracts.JobKey;

/** Provision these nodes of a job for one launch attempt (from 1). */
public record ProvisioningRequest(
    JobKey job, String lifecycleWorkflowId, int attempt, String partition, List<String> nodes) {
  public ProvisioningRequest {
    nodes = List.copyOf(nodes);
  }

  /** The job's placement group name: one per job, so every attempt may reuse it. */
  public String placementGroupName() {
    return "burstflow-" + job.cluster() + "-" + job.jobId();
  }
}
