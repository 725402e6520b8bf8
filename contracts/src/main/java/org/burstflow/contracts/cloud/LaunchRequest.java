package org.burstflow.contracts.cloud;

import java.util.List;
import org.burstflow.contracts.JobKey;

/** Launch instances for these Slurm nodes of one job. {@code attempt} starts at 1. */
public record LaunchRequest(
    JobKey job, String workflowId, int attempt, String partition, List<String> nodes) {
  public LaunchRequest {
    nodes = List.copyOf(nodes);
  }

  /** Idempotency token for CreateFleet, the same across retries of one attempt. */
  public String clientToken() {
    return workflowId + "-" + attempt;
  }
}
