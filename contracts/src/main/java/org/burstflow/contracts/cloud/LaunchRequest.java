package org.burstflow.contracts.cloud;

import java.util.List;
import org.burstflow.contracts.JobKey;

/**
 * Launch instances for these Slurm nodes of one job from one pool.
 *
 * @param workflowId the job's lifecycle workflow id (tagged on every instance)
 * @param attempt the lifecycle's launch attempt, from 1; a requeued job gets a new one
 * @param poolIndex which pool of the attempt's plan this is, from 0
 * @param placementGroup the job's placement group, or null
 */
public record LaunchRequest(
    JobKey job,
    String workflowId,
    int attempt,
    int poolIndex,
    String partition,
    List<String> nodes,
    LaunchPool pool,
    String placementGroup) {
  public LaunchRequest {
    nodes = List.copyOf(nodes);
  }

  /**
   * Idempotency token for CreateFleet: the same across retries of one pool of one attempt, so a
   * retried call can never launch a second gang.
   */
  public String clientToken() {
    return workflowId + "-" + attempt + "-" + poolIndex;
  }
}
