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
 * @param cluster the Slurm cluster; the job's, or for nodes powered up without a job (job null)
 *     the one they belong to
 */
public record LaunchRequest(
    JobKey job,
    String workflowId,
    int attempt,
    int poolIndex,
    String partition,
    List<String> nodes,
    LaunchPool pool,
    String placementGroup,
    String cluster) {
  public LaunchRequest {
    nodes = List.copyOf(nodes);
    if (cluster == null && job != null) {
      cluster = job.cluster(); // requests recorded before the field existed
    }
    java.util.Objects.requireNonNull(cluster, "a launch needs a job or a cluster");
  }

  /** A launch for a job's nodes. */
  public LaunchRequest(
      JobKey job, String workflowId, int attempt, int poolIndex, String partition, List<String> nodes,
      LaunchPool pool, String placementGroup) {
    this(job, workflowId, attempt, poolIndex, partition, nodes, pool, placementGroup, job.cluster());
  }

  /**
   * Idempotency token for CreateFleet: the same across retries of one pool of one attempt, so a
   * retried call can never launch a second gang.
   */
  public String clientToken() {
    return workflowId + "-" + attempt + "-" + poolIndex;
  }
}
